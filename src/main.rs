//! The `kumppani` command: serves the app by default; see `kumppani --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    kumppani::cli::main()
}
