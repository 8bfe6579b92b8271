'use strict';
// A tolerant reader for tsconfig.json-style JSON: comments and trailing commas allowed.
// Port of crates/project/src/jsonc.rs (same rules, so both resolve the same aliases).

/**
 * Removes comments (replaced by spaces) and commas followed only by whitespace or comments
 * before `}` or `]`. Strings are left untouched.
 * @param {string} text
 * @returns {string}
 */
function strip(text) {
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const chars = Array.from(text);
  const out = [];
  let i = 0;
  // Index in `out` of a comma that may turn out to be trailing.
  let pendingComma = -1;
  const isWhitespace = (c) => /^\s$/u.test(c);
  while (i < chars.length) {
    const c = chars[i];
    if (c === '"') {
      pendingComma = -1;
      out.push(c);
      i += 1;
      while (i < chars.length) {
        const d = chars[i];
        out.push(d);
        i += 1;
        if (d === '\\') {
          if (i < chars.length) {
            out.push(chars[i]);
            i += 1;
          }
        } else if (d === '"') {
          break;
        }
      }
    } else if (c === '/' && chars[i + 1] === '/') {
      while (i < chars.length && chars[i] !== '\n') {
        out.push(' ');
        i += 1;
      }
    } else if (c === '/' && chars[i + 1] === '*') {
      out.push('  ');
      i += 2;
      while (i < chars.length && !(chars[i] === '*' && chars[i + 1] === '/')) {
        out.push(chars[i] === '\n' ? '\n' : ' ');
        i += 1;
      }
      if (i < chars.length) {
        out.push('  ');
        i += 2;
      }
    } else if (c === ',') {
      pendingComma = out.length;
      out.push(c);
      i += 1;
    } else if (c === '}' || c === ']') {
      if (pendingComma >= 0) {
        out[pendingComma] = ' ';
        pendingComma = -1;
      }
      out.push(c);
      i += 1;
    } else if (isWhitespace(c)) {
      out.push(c);
      i += 1;
    } else {
      pendingComma = -1;
      out.push(c);
      i += 1;
    }
  }
  return out.join('');
}

/**
 * Parses JSON with comments and trailing commas; throws on invalid input.
 * @param {string} text
 */
function parse(text) {
  return JSON.parse(strip(text));
}

module.exports = { parse, strip };
