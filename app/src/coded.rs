//! Enums stored, sent and parsed as one short code per variant ("draft", "peer",
//! "jpt_pratama" ...). `coded!` writes the enum once with its codes, and that one
//! code is what the database column holds (`coded_column!`, server only), what serde
//! sends to the browser, and what `from_code` accepts. A value the database holds
//! that no variant has is a decoding error, never a default.

/// What every coded enum offers, for code written once for all of them.
pub trait Coded: Copy + PartialEq + Send + Sync + 'static {
    /// Every variant, in declaration order.
    fn all() -> &'static [Self];
    /// The code stored in the database and sent on the wire.
    fn code(self) -> &'static str;
}

/// The error for a typed value that is none of `T`'s codes (a CSV cell, a crafted
/// form): it names the codes that are accepted.
pub fn not_one_of<T: Coded>(field: &str) -> crate::error::FieldError {
    let codes: Vec<&str> = T::all().iter().map(|x| x.code()).collect();
    one_of(field, &codes)
}

/// The error for a typed value that is none of `options`, naming them.
pub fn one_of(field: &str, options: &[&str]) -> crate::error::FieldError {
    crate::error::FieldError::new(field, crate::i18n::K::ErrChoiceOf)
        .with("options", options.join(", "))
}

/// A coded enum whose variants have a name users read (`<select>`s show it).
pub trait Labelled: Coded {
    fn label(self) -> crate::i18n::K;
}

/// Declares a coded enum: `coded! { pub enum Status { Draft = "draft", Open = "open" } }`.
/// Adds `ALL`, `code()` and `from_code()`. Written `Draft = "draft" => K::StatusDraft`,
/// every variant also gets the translation key users read, through `label()`.
#[macro_export]
macro_rules! coded {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $label:path ),+ $(,)?
        }
    ) => {
        $crate::coded! {
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant = $code ),+
            }
        }

        impl $name {
            /// The translation key of the name users read.
            pub fn label(self) -> $crate::i18n::K {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }

        impl $crate::coded::Labelled for $name {
            fn label(self) -> $crate::i18n::K {
                $name::label(self)
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                $variant,
            )+
        }

        #[cfg(feature = "ssr")]
        $crate::coded_column!($name);

        impl $name {
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The code stored in the database and sent on the wire.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The variant of an exact code.
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The variant a person typed (a form, a CSV cell): its code in any case,
            /// with spaces or dashes for underscores ("JF Ahli Pertama").
            pub fn parse(typed: &str) -> Option<$name> {
                let typed = typed.trim().replace([' ', '-'], "_");
                $name::ALL
                    .into_iter()
                    .find(|v| v.code().eq_ignore_ascii_case(&typed))
            }
        }

        impl $crate::coded::Coded for $name {
            fn all() -> &'static [Self] {
                &$name::ALL
            }

            fn code(self) -> &'static str {
                $name::code(self)
            }
        }
    };
}

/// How a coded enum is stored: a text column holding its code (server only). Written
/// here rather than derived: SeaORM's `DeriveActiveEnum` cannot take the code "self"
/// (it names a generated variant after it).
#[macro_export]
macro_rules! coded_column {
    ($name:ident) => {
        impl From<$name> for sea_orm::Value {
            fn from(v: $name) -> Self {
                sea_orm::Value::String(Some(v.code().to_string()))
            }
        }

        impl sea_orm::TryGetable for $name {
            fn try_get_by<I: sea_orm::ColIdx>(
                res: &sea_orm::QueryResult,
                idx: I,
            ) -> Result<Self, sea_orm::TryGetError> {
                let code = <String as sea_orm::TryGetable>::try_get_by(res, idx)?;
                $name::from_code(&code).ok_or_else(|| {
                    let e = format!("{} has no code {code:?}", stringify!($name));
                    sea_orm::TryGetError::DbErr(sea_orm::DbErr::Type(e))
                })
            }
        }

        impl sea_orm::sea_query::ValueType for $name {
            fn try_from(v: sea_orm::Value) -> Result<Self, sea_orm::sea_query::ValueTypeErr> {
                let code = <String as sea_orm::sea_query::ValueType>::try_from(v)?;
                $name::from_code(&code).ok_or(sea_orm::sea_query::ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($name).to_owned()
            }

            fn array_type() -> sea_orm::sea_query::ArrayType {
                sea_orm::sea_query::ArrayType::String
            }

            fn column_type() -> sea_orm::sea_query::ColumnType {
                sea_orm::sea_query::ColumnType::String(sea_orm::sea_query::StringLen::None)
            }
        }

        impl sea_orm::sea_query::Nullable for $name {
            fn null() -> sea_orm::Value {
                sea_orm::Value::String(None)
            }
        }

        impl sea_orm::IntoActiveValue<$name> for $name {
            fn into_active_value(self) -> sea_orm::ActiveValue<$name> {
                sea_orm::ActiveValue::Set(self)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::coded! {
        /// A test enum.
        pub enum Colour {
            Red = "red",
            /// Mixed case survives.
            DeepBlue = "deep_blue",
        }
    }

    #[test]
    fn one_code_serves_the_wire_and_parsing() {
        assert_eq!(Colour::DeepBlue.code(), "deep_blue");
        assert_eq!(Colour::from_code("red"), Some(Colour::Red));
        assert_eq!(Colour::from_code("Red"), None);
        assert_eq!(Colour::parse(" Deep-Blue "), Some(Colour::DeepBlue));
        assert_eq!(Colour::parse("deep blue"), Some(Colour::DeepBlue));
        assert_eq!(Colour::parse("green"), None);
        assert_eq!(
            serde_json::to_string(&Colour::DeepBlue).unwrap(),
            "\"deep_blue\""
        );
        assert_eq!(Colour::ALL.len(), 2);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_database_holds_the_same_code() {
        use sea_orm::sea_query::ValueType;
        assert_eq!(
            sea_orm::Value::from(Colour::DeepBlue),
            sea_orm::Value::String(Some("deep_blue".into()))
        );
        assert_eq!(
            <Colour as ValueType>::try_from("red".into()).ok(),
            Some(Colour::Red)
        );
        assert!(<Colour as ValueType>::try_from("green".into()).is_err());
    }
}
