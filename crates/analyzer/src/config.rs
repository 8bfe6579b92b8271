//! Project configuration: `actiongate.toml`.
//!
//! ```toml
//! # Extra guards: calls that establish the caller from the server-side session.
//! guards = ["requireTeamMember", "getViewer"]
//! # Guards whose name alone means they fail closed (throw/redirect when there is no user).
//! fail_closed_guards = ["requireTeamMember"]
//! # Guards that also check a role or permission.
//! role_guards = ["requireTeamAdmin"]
//! # Extra sinks: calls that mutate or read user data.
//! sinks = ["audit.record", "billing.charge"]
//! # Actions that are public on purpose (by exported name).
//! public_actions = ["subscribeToNewsletter"]
//! # Rules to turn off for the whole project.
//! disable = ["unvalidated-input"]
//!
//! # What the fixes import when the file has no auth import of its own.
//! [fix]
//! auth_import = 'import { auth } from "@/auth";'
//! session_call = "await auth()"
//! ```

use serde::Deserialize;

/// Configuration that extends the analyzer's built-in catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Extra guard names (a call `name(..)` or `a.b.name(..)`), whose result must be checked.
    pub guards: Vec<String>,
    /// Extra guard names that fail closed by themselves (throw or redirect when there is no user).
    pub fail_closed_guards: Vec<String>,
    /// Extra guard names that fail closed and also check a role or permission.
    pub role_guards: Vec<String>,
    /// Extra sink names: calls that mutate or read user data (matched on the last segments).
    pub sinks: Vec<String>,
    /// Names of actions that are public on purpose.
    pub public_actions: Vec<String>,
    /// Rule ids to disable.
    pub disable: Vec<String>,
    /// How fixes add authentication.
    pub fix: FixConfig,
}

/// How generated fixes look up the session when the file has no auth code of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FixConfig {
    /// The import statement to add, e.g. `import { auth } from "@/auth";`.
    pub auth_import: Option<String>,
    /// The expression that yields the session, e.g. `await auth()`.
    pub session_call: Option<String>,
}

/// Why a configuration file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The TOML did not parse or had unknown keys.
    #[error("invalid actiongate.toml: {0}")]
    Toml(#[from] toml::de::Error),
    /// A rule id in `disable` does not exist.
    #[error("invalid actiongate.toml: unknown rule `{0}` in `disable` (run `actiongate rules` for the list)")]
    UnknownRule(String),
}

impl Config {
    /// Parses the text of an `actiongate.toml`.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text)?;
        for id in &config.disable {
            if crate::rules::rule_by_id(id).is_none() {
                return Err(ConfigError::UnknownRule(id.clone()));
            }
        }
        Ok(config)
    }

    /// Whether a rule is enabled.
    pub fn rule_enabled(&self, id: &str) -> bool {
        !self.disable.iter().any(|d| d == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_documented_key() {
        let config = Config::from_toml(
            r#"guards = ["getViewer"]
fail_closed_guards = ["requireTeamMember"]
role_guards = ["requireTeamAdmin"]
sinks = ["audit.record"]
public_actions = ["subscribe"]
disable = ["unvalidated-input"]
[fix]
auth_import = 'import { auth } from "@/auth";'
session_call = "await auth()"
"#,
        )
        .unwrap();
        assert_eq!(config.guards, ["getViewer"]);
        assert!(!config.rule_enabled("unvalidated-input"));
        assert_eq!(config.fix.session_call.as_deref(), Some("await auth()"));
    }

    #[test]
    fn rejects_unknown_keys_and_rules() {
        assert!(Config::from_toml("gaurds = []").is_err());
        let err = Config::from_toml(r#"disable = ["nope"]"#).unwrap_err();
        assert!(err.to_string().contains("unknown rule `nope`"));
    }
}
