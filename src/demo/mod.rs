//! Demonstration data: Turku's partner organisations and their partnerships, marked as demo.

pub mod actors;
pub mod partnerships;

pub use actors::demo_actors;
pub use partnerships::demo_partnerships;
