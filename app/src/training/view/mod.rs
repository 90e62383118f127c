//! The pages of training needs: a unit leader's and HR's heatmap of needs, opened
//! unit by unit down to the people (`needs`), with its tables (`tables`).

pub mod needs;
mod tables;
