//! The expressions of [`Vocabulary::parse`](super::Vocabulary::parse):
//! pointer names, numbers, `+`, `-`, `*` (binding, or scaling by a
//! number), the involution `~a` (or `!a`), parentheses, and the methods
//! `.normalized()`, `.unitary()` and `.inv()`. A recursive-descent parser
//! over the characters: `sum := product (('+' | '-') product)*`,
//! `product := unary ('*' unary)*`, `unary := ('-' | '~' | '!') unary |
//! postfix`, `postfix := atom ('.' method '(' ')')*`,
//! `atom := name | number | '(' sum ')'`.

use super::error::SpaError;
use super::semantic_pointer::SemanticPointer;

/// A value while parsing: a number or a pointer.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Number(f64),
    Pointer(SemanticPointer),
}

/// Parses `text`, looking names up with `lookup`.
pub(crate) fn parse(
    text: &str,
    lookup: &mut dyn FnMut(&str) -> Result<SemanticPointer, SpaError>,
) -> Result<Value, SpaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser {
        text,
        chars: &chars,
        at: 0,
        lookup,
    };
    let value = p.sum()?;
    p.skip_space();
    if p.at < chars.len() {
        return Err(p.error(format!("unexpected `{}`", chars[p.at])));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    chars: &'a [char],
    at: usize,
    lookup: &'a mut dyn FnMut(&str) -> Result<SemanticPointer, SpaError>,
}

impl Parser<'_> {
    fn error(&self, reason: String) -> SpaError {
        SpaError::Parse {
            text: self.text.to_string(),
            position: self.at,
            reason,
        }
    }

    fn skip_space(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.get(self.at).copied()
    }

    fn sum(&mut self) -> Result<Value, SpaError> {
        let mut value = self.product()?;
        while let Some(op @ ('+' | '-')) = self.peek() {
            let at = self.at;
            self.at += 1;
            let rhs = self.product()?;
            value = match (value, rhs) {
                (Value::Number(a), Value::Number(b)) => {
                    Value::Number(if op == '+' { a + b } else { a - b })
                }
                (Value::Pointer(a), Value::Pointer(b)) => {
                    Value::Pointer(if op == '+' { a.add(&b)? } else { a.sub(&b)? })
                }
                _ => {
                    self.at = at;
                    return Err(self.error(format!(
                        "cannot `{op}` a number and a pointer (scale the pointer with `*` instead)"
                    )));
                }
            };
        }
        Ok(value)
    }

    fn product(&mut self) -> Result<Value, SpaError> {
        let mut value = self.unary()?;
        while let Some('*') = self.peek() {
            self.at += 1;
            let rhs = self.unary()?;
            value = match (value, rhs) {
                (Value::Number(a), Value::Number(b)) => Value::Number(a * b),
                (Value::Number(s), Value::Pointer(p)) | (Value::Pointer(p), Value::Number(s)) => {
                    Value::Pointer(p.scaled(s))
                }
                (Value::Pointer(a), Value::Pointer(b)) => Value::Pointer(a.bind(&b)?),
            };
        }
        Ok(value)
    }

    fn unary(&mut self) -> Result<Value, SpaError> {
        match self.peek() {
            Some('-') => {
                self.at += 1;
                Ok(match self.unary()? {
                    Value::Number(a) => Value::Number(-a),
                    Value::Pointer(p) => Value::Pointer(-p),
                })
            }
            Some(c @ ('~' | '!')) => {
                let at = self.at;
                self.at += 1;
                match self.unary()? {
                    Value::Pointer(p) => Ok(Value::Pointer(p.inv())),
                    Value::Number(_) => {
                        self.at = at;
                        Err(self.error(format!(
                            "`{c}` (the involution) needs a pointer, not a number"
                        )))
                    }
                }
            }
            _ => self.postfix(),
        }
    }

    fn postfix(&mut self) -> Result<Value, SpaError> {
        let mut value = self.atom()?;
        while let Some('.') = self.peek() {
            self.at += 1;
            let start = self.at;
            let method = self.identifier();
            if self.peek() != Some('(') {
                return Err(self.error(format!("`.{method}` must be called: `.{method}()`")));
            }
            self.at += 1;
            if self.peek() != Some(')') {
                return Err(self.error(format!("`.{method}()` takes no arguments")));
            }
            self.at += 1;
            let Value::Pointer(p) = value else {
                self.at = start;
                return Err(self.error(format!("`.{method}()` needs a pointer, not a number")));
            };
            value = Value::Pointer(match method.as_str() {
                "normalized" => p.normalized(),
                "unitary" => p.unitary(),
                "inv" => p.inv(),
                _ => {
                    self.at = start;
                    return Err(self.error(format!(
                        "unknown method `{method}` (known: normalized, unitary, inv)"
                    )));
                }
            });
        }
        Ok(value)
    }

    fn identifier(&mut self) -> String {
        let start = self.at;
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn atom(&mut self) -> Result<Value, SpaError> {
        match self.peek() {
            Some('(') => {
                self.at += 1;
                let value = self.sum()?;
                if self.peek() != Some(')') {
                    return Err(self.error("expected `)`".into()));
                }
                self.at += 1;
                Ok(value)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                let start = self.at;
                while self
                    .chars
                    .get(self.at)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '.')
                {
                    self.at += 1;
                }
                // An exponent: 1e-3, 2.5E+2.
                if self
                    .chars
                    .get(self.at)
                    .is_some_and(|c| *c == 'e' || *c == 'E')
                {
                    let save = self.at;
                    self.at += 1;
                    if self
                        .chars
                        .get(self.at)
                        .is_some_and(|c| *c == '+' || *c == '-')
                    {
                        self.at += 1;
                    }
                    if self.chars.get(self.at).is_some_and(|c| c.is_ascii_digit()) {
                        while self.chars.get(self.at).is_some_and(|c| c.is_ascii_digit()) {
                            self.at += 1;
                        }
                    } else {
                        self.at = save;
                    }
                }
                let written: String = self.chars[start..self.at].iter().collect();
                written.parse::<f64>().map(Value::Number).map_err(|_| {
                    self.at = start;
                    self.error(format!("`{written}` is not a number"))
                })
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                let name = self.identifier();
                (self.lookup)(&name).map(Value::Pointer)
            }
            Some(c) => Err(self.error(format!("unexpected `{c}`"))),
            None => Err(self.error("unexpected end of the expression".into())),
        }
    }
}
