//! Pages of the assessment domain.
