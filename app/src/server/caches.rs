//! The domains' read caches, kept in the application state without the state
//! naming them: each domain registers its caches here at start (`registered`),
//! and a server function asks for one by its type (`request::cache::<T>()`).

use crate::error::{internal, AppError};
use crate::server::state::Config;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Default)]
pub struct Caches(HashMap<TypeId, Arc<dyn Any + Send + Sync>>);

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Caches({})", self.0.len())
    }
}

impl Caches {
    /// Every domain's caches, set up for this configuration.
    pub fn registered(config: &Config) -> Caches {
        let mut caches = Caches::default();
        crate::auth::cache::register(&mut caches, config);
        crate::people::service::employee_list::register(&mut caches, config);
        crate::people::service::positions::register(&mut caches, config);
        crate::org::service::register_trees(&mut caches, config);
        crate::assessment::service::dashboard::register(&mut caches, config);
        crate::publication::service::read::register(&mut caches, config);
        caches
    }

    /// Adds a cache; one per type.
    pub fn register<T: Any + Send + Sync>(&mut self, cache: T) {
        self.0.insert(TypeId::of::<T>(), Arc::new(cache));
    }

    /// The cache of this type; none registered is a fault of the program.
    pub fn get<T: Any + Send + Sync>(&self) -> Result<Arc<T>, AppError> {
        self.0
            .get(&TypeId::of::<T>())
            .and_then(|c| c.clone().downcast().ok())
            .ok_or_else(|| internal(std::any::type_name::<T>()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_is_found_by_its_type() {
        let mut c = Caches::default();
        c.register(7u32);
        assert_eq!(c.get::<u32>().as_deref(), Ok(&7));
        assert!(c.get::<u64>().is_err());
        let all = Caches::registered(&Config::default());
        assert!(all.get::<crate::auth::cache::SessionCache>().is_ok());
    }
}
