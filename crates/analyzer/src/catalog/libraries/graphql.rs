//! GraphQL over HTTP: a document sent as the `query` of a `POST` body. A `query` operation reads
//! (a storefront's shop settings, a product), whatever HTTP method carries it; a `mutation`
//! writes. Only the document's text tells them apart.

/// The tag ([`crate::facts::value::Value::inert`]) of a string holding a GraphQL read document,
/// and of a request body built around one.
pub const READ_DOCUMENT: &str = "graphql-read";

/// Whether `text` is a GraphQL document whose operation is a query: it starts (after blank
/// lines and `#` comments) with `query`, or with `{` (the shorthand query), and defines no
/// `mutation` or `subscription` operation.
pub fn is_read_document(text: &str) -> bool {
    let body = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join(" ");
    let reads = body
        .strip_prefix("query")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_whitespace() || c == '{' || c == '('))
        || body.strip_prefix('{').is_some_and(|rest| {
            // The shorthand query selects a field right away (`{ shop { name } }`), where JSON
            // opens with a quoted key or nothing (`{"id": 1}`, `{}`).
            rest.trim_start()
                .starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && body.ends_with('}')
        });
    let defines = |op: &str| {
        body.split(|c: char| !c.is_alphanumeric())
            .any(|word| word == op)
    };
    reads && !defines("mutation") && !defines("subscription")
}

#[cfg(test)]
mod tests {
    use super::is_read_document;

    #[test]
    fn tells_reads_from_writes() {
        assert!(is_read_document("query Shop { shop { name } }"));
        assert!(is_read_document(
            "\n  # the shop\n  query getShop($h: String) { shop { name } }\n"
        ));
        assert!(is_read_document("{ shop { name } }"));
        assert!(!is_read_document("mutation { cartCreate { cart { id } } }"));
        assert!(!is_read_document("query A { a } mutation B { b }"));
        assert!(!is_read_document("queryString"));
        assert!(!is_read_document("SELECT * FROM shop"));
        assert!(!is_read_document("{\"id\": 1}"));
        assert!(!is_read_document("{}"));
    }
}
