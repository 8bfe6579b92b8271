//! Shared helpers: the binary, fixtures and temporary projects.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The clearly vulnerable action of the brief: no session at all.
pub const VULNERABLE: &str = "\"use server\";\nexport async function deletePost(id: string) { await db.post.delete({ where: { id } }); }\n";

/// The same action, authenticated and scoped to the caller.
pub const CLEAN: &str = r#""use server";
export async function deletePost(id: string) {
  const session = await auth();
  if (!session?.user) throw new Error("x");
  await db.post.deleteMany({ where: { id, authorId: session.user.id } });
}
"#;

/// An authenticated, scoped action whose only finding is low (`unvalidated-input`).
pub const LOW_ONLY: &str = r#""use server";
export async function createPost(formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error("x");
  const title = formData.get("title") as string;
  await db.post.create({ data: { title, authorId: session.user.id } });
}
"#;

/// The binary, with a neutral environment.
pub fn actiongate() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_actiongate"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary folder to lay files out in.
pub struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    /// An empty folder.
    pub fn new() -> Self {
        Tree {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel`, creating folders; returns `self` for chaining.
    pub fn file(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    /// Reads `rel` back.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).expect("read")
    }

    /// `actiongate check --format json ARGS...` run inside the folder.
    pub fn check_json(&self, args: &[&str]) -> (i32, Value) {
        let output = actiongate()
            .current_dir(self.path())
            .arg("check")
            .args(["--format", "json"])
            .args(args)
            .output()
            .expect("run");
        let code = output.status.code().expect("exit code");
        let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (code, value)
    }
}

/// `(file, rule)` of every active finding.
pub fn rules_by_file(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `(action, rule)` of every finding of severity high.
pub fn high_findings(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "high")
        .map(|f| {
            (
                f["action"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `file` of every entry of `files`.
pub fn files(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect()
}

/// The `files` entry of `name`.
pub fn file_entry<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["file"] == name)
        .unwrap_or_else(|| panic!("no entry for {name} in {report:#}"))
}
