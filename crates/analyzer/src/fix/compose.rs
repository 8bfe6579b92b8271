//! Edits applied in rounds, remembered as edits of the original file.
//!
//! A fix settles in rounds (see [`super::settle`]): each round's edits are offsets into the
//! text the previous round produced. [`Composed`] keeps that text as pieces that are either
//! original bytes or inserted text tagged with the findings that asked for it, so the total is
//! always expressible as edits of the original — what the JSON, SARIF and editors apply.

use rustc_hash::FxHashMap as HashMap;

use crate::report::Edit;

/// One piece of the current text.
#[derive(Debug, Clone)]
enum Piece {
    /// Original bytes `[start, end)`.
    Original(u32, u32),
    /// Text a fix wrote (possibly empty: a deletion), and the findings it belongs to.
    Inserted { text: String, owners: Vec<usize> },
}

impl Piece {
    fn len(&self) -> usize {
        match self {
            Piece::Original(start, end) => (end - start) as usize,
            Piece::Inserted { text, .. } => text.len(),
        }
    }
}

/// The original file with every applied round of edits.
#[derive(Debug, Clone)]
pub(crate) struct Composed<'s> {
    source: &'s str,
    pieces: Vec<Piece>,
}

impl<'s> Composed<'s> {
    /// The original file, unchanged.
    pub fn new(source: &'s str) -> Self {
        Composed {
            source,
            pieces: vec![Piece::Original(0, source.len() as u32)],
        }
    }

    /// The current text.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.source.len() + 256);
        for piece in &self.pieces {
            match piece {
                Piece::Original(start, end) => {
                    out.push_str(&self.source[*start as usize..*end as usize])
                }
                Piece::Inserted { text, .. } => out.push_str(text),
            }
        }
        out
    }

    /// Applies one round of edits, given as offsets into the current text with the finding
    /// each belongs to. Identical edits apply once (for every owner); an edit that overlaps an
    /// earlier one or does not fall on character boundaries is skipped. Returns how many
    /// edits were applied.
    pub fn apply(&mut self, edits: &[(Edit, usize)]) -> usize {
        let current = self.text();
        let mut merged: Vec<(Edit, Vec<usize>)> = Vec::new();
        let mut sorted: Vec<&(Edit, usize)> = edits.iter().collect();
        crate::sort::sort_by_key(&mut sorted, |(e, owner)| (e.start, e.end, *owner));
        for (edit, owner) in sorted {
            // Another finding's insertion at the same point may sit between two equal ones.
            let same = merged
                .iter_mut()
                .rev()
                .take_while(|(e, _)| (e.start, e.end) == (edit.start, edit.end))
                .find(|(e, _)| e == edit);
            match same {
                Some((_, owners)) => {
                    if !owners.contains(owner) {
                        owners.push(*owner);
                    }
                }
                None => merged.push((edit.clone(), vec![*owner])),
            }
        }
        // Keep the first of overlapping edits (insertions at one point all apply, in order).
        let mut cursor = 0usize;
        let mut kept = Vec::new();
        for (edit, owners) in merged {
            let (start, end) = (edit.start as usize, edit.end as usize);
            if start < cursor
                || end > current.len()
                || start > end
                || !current.is_char_boundary(start)
                || !current.is_char_boundary(end)
            {
                continue;
            }
            cursor = end;
            kept.push((edit, owners));
        }
        // One sweep over the pieces: copy up to each edit, put its text, skip what it replaces.
        let old = std::mem::take(&mut self.pieces);
        let mut cursor = PieceCursor::default();
        for (edit, owners) in &kept {
            cursor.copy_until(&old, edit.start as usize, &mut self.pieces);
            self.pieces.push(Piece::Inserted {
                text: edit.text.clone(),
                owners: owners.clone(),
            });
            cursor.skip_until(&old, edit.end as usize);
        }
        cursor.copy_until(&old, usize::MAX, &mut self.pieces);
        kept.len()
    }

    /// The applied edits of every owner, as edits of the original file, sorted.
    ///
    /// Text inserted next to other findings' text stays separate; a replaced original range is
    /// reported with the owner's part of the text that took its place.
    pub fn edits_by_owner(&self) -> HashMap<usize, Vec<Edit>> {
        let mut edits: HashMap<usize, Vec<Edit>> = HashMap::default();
        let mut original_at = 0u32;
        let mut run: Vec<&Piece> = Vec::new();
        let flush =
            |run: &mut Vec<&Piece>, start: u32, end: u32, edits: &mut HashMap<usize, Vec<Edit>>| {
                let mut texts: Vec<(usize, String)> = Vec::new();
                for piece in run.iter() {
                    let Piece::Inserted { text, owners } = piece else {
                        continue;
                    };
                    for owner in owners {
                        match texts.iter_mut().find(|(o, _)| o == owner) {
                            Some((_, t)) => t.push_str(text),
                            None => texts.push((*owner, text.clone())),
                        }
                    }
                }
                for (owner, text) in texts {
                    edits
                        .entry(owner)
                        .or_default()
                        .push(Edit { start, end, text });
                }
                run.clear();
            };
        for piece in &self.pieces {
            match piece {
                Piece::Original(start, end) => {
                    flush(&mut run, original_at, *start, &mut edits);
                    original_at = *end;
                }
                Piece::Inserted { .. } => run.push(piece),
            }
        }
        let len = self.source.len() as u32;
        flush(&mut run, original_at, len, &mut edits);
        edits
    }
}

/// A position in a list of pieces, moving forward only: `apply` is one linear sweep.
#[derive(Debug, Default)]
struct PieceCursor {
    /// The piece the cursor is in.
    index: usize,
    /// Bytes of that piece already behind the cursor.
    within: usize,
    /// The cursor's offset in the text.
    at: usize,
}

impl PieceCursor {
    /// Copies the text from the cursor up to `target` into `out` (with empty pieces there).
    fn copy_until(&mut self, pieces: &[Piece], target: usize, out: &mut Vec<Piece>) {
        while self.index < pieces.len() {
            let piece = &pieces[self.index];
            let left = piece.len() - self.within;
            if self.at + left <= target {
                out.push(slice(piece, self.within, piece.len()));
                self.at += left;
                self.index += 1;
                self.within = 0;
                continue;
            }
            if self.at < target {
                let take = target - self.at;
                out.push(slice(piece, self.within, self.within + take));
                self.within += take;
                self.at = target;
            }
            return;
        }
    }

    /// Moves the cursor to `target`, dropping what it passes.
    fn skip_until(&mut self, pieces: &[Piece], target: usize) {
        while self.index < pieces.len() && self.at < target {
            let left = pieces[self.index].len() - self.within;
            if self.at + left <= target {
                self.at += left;
                self.index += 1;
                self.within = 0;
            } else {
                self.within += target - self.at;
                self.at = target;
            }
        }
    }
}

/// The part `[from, to)` of a piece.
fn slice(piece: &Piece, from: usize, to: usize) -> Piece {
    match piece {
        Piece::Original(start, _) => Piece::Original(start + from as u32, start + to as u32),
        Piece::Inserted { text, owners } => Piece::Inserted {
            text: text[from..to].to_string(),
            owners: owners.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: u32, end: u32, text: &str) -> Edit {
        Edit {
            start,
            end,
            text: text.into(),
        }
    }

    #[test]
    fn rounds_compose_into_edits_of_the_original() {
        let source = "abcdef";
        let mut c = Composed::new(source);
        assert_eq!(c.apply(&[(edit(1, 1, "XY"), 0), (edit(4, 5, ""), 1)]), 2);
        assert_eq!(c.text(), "aXYbcdf");
        // Round two edits inside round one's text and the original.
        c.apply(&[(edit(2, 2, "-"), 0), (edit(5, 5, "!"), 0)]);
        assert_eq!(c.text(), "aX-Ybc!df");
        assert_eq!(
            c.edits_by_owner()[&0],
            vec![edit(1, 1, "X-Y"), edit(3, 3, "!")]
        );
        assert_eq!(c.edits_by_owner()[&1], vec![edit(4, 5, "")]);
    }

    #[test]
    fn identical_edits_apply_once_for_every_owner_and_overlaps_are_skipped() {
        let mut c = Composed::new("abc");
        let applied = c.apply(&[
            (edit(0, 0, "I"), 0),
            (edit(0, 0, "I"), 1),
            (edit(1, 3, "Z"), 0),
            (edit(2, 3, "W"), 1),
        ]);
        assert_eq!(applied, 2);
        assert_eq!(c.text(), "IaZ");
        assert_eq!(c.edits_by_owner()[&1], vec![edit(0, 0, "I")]);
        assert_eq!(
            c.edits_by_owner()[&0],
            vec![edit(0, 0, "I"), edit(1, 3, "Z")]
        );
    }

    #[test]
    fn equal_insertions_apply_once_when_another_sits_between_them() {
        let mut c = Composed::new("ab");
        c.apply(&[
            (edit(1, 1, "<import and>"), 0),
            (edit(1, 1, "<import basename>"), 1),
            (edit(1, 1, "<import and>"), 2),
        ]);
        assert_eq!(c.text(), "a<import and><import basename>b");
        assert_eq!(c.edits_by_owner()[&2], vec![edit(1, 1, "<import and>")]);
    }

    #[test]
    fn insertions_at_the_end_and_multibyte_text_stay_whole() {
        let mut c = Composed::new("é");
        c.apply(&[(edit(2, 2, "→"), 0), (edit(1, 1, "x"), 1)]);
        assert_eq!(c.text(), "é→");
        c.apply(&[(edit(2, 2, "…"), 0)]);
        assert_eq!(c.text(), "é…→");
        assert_eq!(c.edits_by_owner()[&0], vec![edit(2, 2, "…→")]);
    }
}
