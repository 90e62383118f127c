//! Services of authentication: logins (throttled per account and by what guessing
//! from an address looks like), database-backed sessions, password hashing off the
//! async workers. The policy is written in docs/SECURITY.md.

pub mod account;
mod login;
mod password;
mod session;
mod throttle;

pub use login::{login, LoggedIn, LoginTry};
pub use password::{hash_blocking, hash_password};
pub use session::{actor_for_session, grants_of, load_actor, logout, moment, purge_expired};
