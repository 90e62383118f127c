//! Pages of authentication: logging in, and passwords (changing one's own, the
//! temporary password shown once to whoever issued it).

pub mod login;
pub mod password;

pub use login::LoginPage;
pub use password::{ChangePasswordPage, ResetBanner, TemporaryPasswordNotice};
