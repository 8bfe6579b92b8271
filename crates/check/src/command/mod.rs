//! The `actiongate` command line, apart from the machine it runs on: arguments, the walk of
//! folders, `actiongate.toml` discovery, reading inputs, the check run, `--fix`, printing and
//! the exit status. The Rust CLI runs it on the disk with threads (`crates/cli`); the npm
//! package runs the very same code in WebAssembly on Node's file system (`crates/wasm-api`), so
//! both take the same arguments, print the same bytes and exit the same way.
//!
//! ```text
//! actiongate check [PATH|-]... [--format pretty|json|sarif|github|compact] [--fail-on low|medium|high]
//!                  [--fix | --diff] [--config FILE] [--jobs N] [--stdin-filename NAME]
//! actiongate rules
//! actiongate explain <RULE>
//! ```
//!
//! Exit status: 0 when no finding reaches `--fail-on` (default `high`), 1 when one does, 2 on a
//! usage or I/O error.

mod args;
mod check;
mod config;
mod error;
mod host;
mod input;
mod rules;
mod walk;

use std::ffi::OsString;

use clap::Parser;

pub use args::{CheckArgs, Cli, ColorChoice, Command, FailOn};
pub use error::CommandError;
pub use host::{DirEntry, EntryKind, Host, HostFiles, Stream, Walked};
pub use walk::display_path;

use crate::{EXIT_CLEAN, EXIT_ERROR};

/// Runs a command line (`args[0]` is the program's name) on `host` and returns the exit status.
pub fn main(args: impl IntoIterator<Item = impl Into<OsString> + Clone>, host: &dyn Host) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => return clap_exit(&err, host),
    };
    let outcome = match &cli.command {
        Command::Check(args) => check::run(args, host),
        Command::Rules => check::print(host, &rules::table()).map(|()| EXIT_CLEAN),
        Command::Explain { rule } => rules::explain(rule)
            .and_then(|text| check::print(host, &text))
            .map(|()| EXIT_CLEAN),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            check::warn(host, &format!("error: {err}\n"));
            EXIT_ERROR
        }
    }
}

/// Prints what clap has to say (help and version on stdout, usage errors on stderr, styled on a
/// terminal) and returns its exit status.
fn clap_exit(err: &clap::Error, host: &dyn Host) -> u8 {
    let stream = if err.use_stderr() {
        Stream::Stderr
    } else {
        Stream::Stdout
    };
    let rendered = err.render();
    let text = if host.is_terminal(stream) {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    let _ignored = host.print(stream, &text);
    u8::try_from(err.exit_code()).unwrap_or(EXIT_ERROR)
}

#[cfg(test)]
mod tests {
    use super::host::tests::MemoryHost;
    use super::*;

    const VULNERABLE: &str = "\"use server\";\nexport async function deletePost(id: string) { await db.post.delete({ where: { id } }); }\n";

    fn run(host: &MemoryHost, args: &[&str]) -> (u8, String, String) {
        let code = main(
            std::iter::once("actiongate").chain(args.iter().copied()),
            host,
        );
        let out = std::mem::take(&mut *host.out.lock().unwrap());
        (code, out.0, out.1)
    }

    #[test]
    fn checks_fixes_and_reports_through_the_host() {
        let host =
            MemoryHost::with_files(&[("/p/package.json", "{}"), ("/p/app/actions.ts", VULNERABLE)]);
        let (code, out, _) = run(&host, &["check", "p", "--format", "compact"]);
        assert_eq!(code, 1);
        assert!(out.contains("p/app/actions.ts:2:"), "{out}");
        let (_, _, err) = run(&host, &["check", "p", "--fix"]);
        assert!(err.contains("fixed 1 file"), "{err}");
        let fixed = host
            .read(std::path::Path::new("/p/app/actions.ts"))
            .unwrap();
        assert!(String::from_utf8(fixed).unwrap().contains("auth()"));
    }

    #[test]
    fn files_known_to_crash_are_reported_without_analysis() {
        let mut host = MemoryHost::with_files(&[("/a.ts", VULNERABLE), ("/b.ts", VULNERABLE)]);
        host.crashes = vec![("/b.ts".into(), "boom".into())];
        let (code, out, _) = run(&host, &["check", ".", "--format", "json"]);
        assert_eq!(code, 2, "a crashed file fails the run like an I/O error");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["files"][0]["file"], "a.ts");
        assert_eq!(
            json["files"][1]["errors"][0]["message"],
            "internal error while analysing this file (boom); please report it with the file"
        );
    }

    #[test]
    fn usage_errors_and_help_exit_like_clap() {
        let host = MemoryHost::default();
        let (code, _, err) = run(&host, &["check", "--format", "xml"]);
        assert_eq!(code, 2);
        assert!(err.contains("invalid value 'xml'"), "{err}");
        let (code, out, _) = run(&host, &["--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("Usage: actiongate <COMMAND>"), "{out}");
        let (code, _, err) = run(&host, &["check", "missing.ts"]);
        assert_eq!(code, 2);
        assert!(
            err.starts_with("error: path `missing.ts` does not exist"),
            "{err}"
        );
    }
}
