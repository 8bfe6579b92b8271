//! A tolerant reader for `tsconfig.json`-style JSON: comments and trailing commas allowed.

/// Parses JSON with `//` and `/* */` comments and trailing commas, as TypeScript accepts in
/// `tsconfig.json`.
pub fn parse(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_str(&strip(text))
}

/// Removes comments (replaced by spaces, so error positions stay meaningful) and commas that
/// are followed only by whitespace or comments before `}` or `]`. Strings are left untouched.
pub fn strip(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Index in `out` of a comma that may turn out to be trailing.
    let mut pending_comma: Option<usize> = None;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                pending_comma = None;
                out.push(c);
                i += 1;
                while i < chars.len() {
                    let d = chars[i];
                    out.push(d);
                    i += 1;
                    if d == '\\' {
                        if let Some(&escaped) = chars.get(i) {
                            out.push(escaped);
                            i += 1;
                        }
                    } else if d == '"' {
                        break;
                    }
                }
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    out.push(' ');
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                out.push_str("  ");
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    out.push(if chars[i] == '\n' { '\n' } else { ' ' });
                    i += 1;
                }
                if i < chars.len() {
                    out.push_str("  ");
                    i += 2;
                }
            }
            ',' => {
                pending_comma = Some(out.len());
                out.push(c);
                i += 1;
            }
            '}' | ']' => {
                if let Some(at) = pending_comma.take() {
                    out.replace_range(at..at + 1, " ");
                }
                out.push(c);
                i += 1;
            }
            c if c.is_whitespace() => {
                out.push(c);
                i += 1;
            }
            _ => {
                pending_comma = None;
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_trailing_commas_are_tolerated() {
        let text = r#"{
  // Next.js defaults
  "compilerOptions": {
    /* aliases */
    "baseUrl": ".",
    "paths": { "@/*": ["./src/*",], },
  },
  "include": ["**/*.ts", "a//b", "c/*d*/"],
}"#;
        let value = parse(text).unwrap();
        assert_eq!(value["compilerOptions"]["paths"]["@/*"][0], "./src/*");
        assert_eq!(value["include"][1], "a//b");
        assert_eq!(value["include"][2], "c/*d*/");
    }

    #[test]
    fn escaped_quotes_stay_inside_strings() {
        let value = parse(r#"{"a": "x\"// not a comment", "b": 1}"#).unwrap();
        assert_eq!(value["a"], "x\"// not a comment");
        assert_eq!(value["b"], 1);
    }

    #[test]
    fn bom_and_unterminated_comments_do_not_panic() {
        assert!(parse("\u{feff}{}").is_ok());
        assert!(parse("{ /* open").is_err());
    }
}
