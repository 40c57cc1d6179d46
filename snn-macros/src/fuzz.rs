//! Property test: random token streams never make the macro panic; they
//! give code or compile errors.

use crate::run;
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// xorshift64*: a small deterministic generator for the token soup.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "node",
    "ensemble",
    "probe",
    "subnet",
    "seed",
    "neurons",
    "dimensions",
    "radius",
    "a",
    "b",
    "x",
    "output",
    "size_in",
    "function",
    "transform",
    "synapse",
    "t",
    "neuron_type",
    "move",
    "type",
    "voltage",
    "neurons",
    "LIF",
    "connection",
    "initial_state",
];
const PUNCTS: &[char] = &[
    '-', '>', ';', ':', ',', '=', '.', '|', '*', '+', '!', '&', '#',
];

fn soup(g: &mut Gen, depth: usize) -> TokenStream {
    let len = g.below(12);
    (0..len)
        .map(|_| match g.below(if depth > 2 { 4 } else { 6 }) {
            0 if g.below(8) == 0 => TokenTree::Ident(Ident::new_raw("type", Span::call_site())),
            0 | 1 => TokenTree::Ident(Ident::new(WORDS[g.below(WORDS.len())], Span::call_site())),
            2 => {
                let spacing = if g.below(2) == 0 {
                    Spacing::Alone
                } else {
                    Spacing::Joint
                };
                TokenTree::Punct(Punct::new(PUNCTS[g.below(PUNCTS.len())], spacing))
            }
            3 => match g.below(3) {
                0 => TokenTree::Literal(Literal::usize_unsuffixed(g.below(5))),
                1 => TokenTree::Literal(Literal::f64_unsuffixed(g.below(100) as f64 / 10.0)),
                _ => TokenTree::Literal(Literal::string("s")),
            },
            _ => {
                let delim =
                    [Delimiter::Brace, Delimiter::Bracket, Delimiter::Parenthesis][g.below(3)];
                TokenTree::Group(Group::new(delim, soup(g, depth + 1)))
            }
        })
        .collect()
}

#[test]
fn random_token_streams_give_errors_not_panics() {
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let input = soup(&mut g, 0);
        let text = input.to_string();
        let out = std::panic::catch_unwind(|| run(input));
        assert!(out.is_ok(), "the macro panicked on: {text}");
    }
}

#[test]
fn mutations_of_a_valid_network_give_errors_not_panics() {
    let valid: TokenStream = "seed = 1; node stim = |t| t; node sum { size_in: 2 }; \
        /// docs\n #[allow(unused)] ensemble a { neurons: 50, dimensions: 2, radius: 1.5 }; \
        ensemble r#type { neurons: 30, initial_state: { voltage: Uniform::new(0.0, 0.5), r#refractory_time: vec![0.0; 30] } }; subnet s = part(); \
        stim -> a[0]; a -> r#type { function: |x| x[0] * x[1], synapse: 0.01 }; a[0..2] -> sum; \
        probe p = r#type { synapse: 0.01 }; probe q = a.neurons; probe v = s.inner.y.voltage;"
        .parse()
        .unwrap();
    let tokens: Vec<TokenTree> = valid.clone().into_iter().collect();
    assert!(!run(valid).to_string().contains("compile_error"));
    let mut g = Gen(42);
    for _ in 0..5_000 {
        let mut t = tokens.clone();
        match g.below(3) {
            0 => {
                t.remove(g.below(t.len()));
            }
            1 => {
                let (i, j) = (g.below(t.len()), g.below(t.len()));
                t.swap(i, j);
            }
            _ => {
                let at = g.below(t.len());
                t.splice(at..at, soup(&mut g, 2));
            }
        }
        let input: TokenStream = t.into_iter().collect();
        let text = input.to_string();
        assert!(
            std::panic::catch_unwind(|| run(input)).is_ok(),
            "panicked on: {text}"
        );
    }
}
