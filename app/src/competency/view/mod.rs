//! Pages of the competency domain.
