//! "Did you mean …?" for misspelled names and parameters.

/// Levenshtein distance between two strings (O(|a| |b|)).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The closest candidate within a third of the word's length (at least 1
/// edit, at most 3, and fewer than the word has letters, so that a
/// one-letter name is not "corrected" into another), formatted as a hint.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit && *d < word.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_misspellings_get_a_suggestion_and_far_ones_do_not() {
        assert_eq!(
            did_you_mean("synapce", ["synapse", "solver"]),
            "; did you mean `synapse`?"
        );
        assert_eq!(
            did_you_mean("radus", ["radius"]),
            "; did you mean `radius`?"
        );
        assert_eq!(did_you_mean("xyz", ["synapse"]), "");
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
