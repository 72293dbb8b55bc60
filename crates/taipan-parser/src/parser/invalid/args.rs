//! `invalid_arguments`, `invalid_kwarg` and `invalid_starred_expression`: the mistakes of
//! call arguments ("positional argument follows keyword argument", "Generator expression
//! must be parenthesized", "expression cannot contain assignment, …", …).
//!
//! In the second pass a call's argument list is re-read here with python.gram's `args` /
//! `kwargs` rules (which try `invalid_kwarg` first at every keyword position); when
//! `args [','] &')'` does not match, the `invalid_arguments` alternatives follow.

use super::super::{Kw, PErr, PResult, Parser};
use crate::ast::{Comprehension, Expr};
use crate::error::SyntaxErrorKind;
use crate::tokenizer::{Pos, TokenKind as T};

/// What `args` produced: the positional (and starred) arguments, and whether a `**`
/// unpacking was among the keywords.
#[derive(Default)]
struct Args {
    positional: Vec<Expr>,
    kw_unpacking: bool,
}

fn start_of(e: &Expr) -> Pos {
    let r = e.range();
    Pos { line: r.lineno, col: r.col_offset }
}

fn end_of(e: &Expr) -> Pos {
    let r = e.range();
    Pos { line: r.end_lineno, col: r.end_col_offset }
}

/// `_PyPegen_get_last_comprehension_item`: the last `if`, else the iterable.
fn last_comprehension_item(c: &[Comprehension]) -> Option<&Expr> {
    let last = c.last()?;
    Some(last.ifs.last().unwrap_or(&last.iter))
}

impl<'src> Parser<'src> {
    fn raise_tok_range(&mut self, msg: &str, a: usize, b: usize) -> PErr {
        let (s, e) = (self.toks[a].start, self.toks[b].end);
        self.raise_span(SyntaxErrorKind::SyntaxError, msg, s, e)
    }

    /// `starred_expression`: `invalid_starred_expression_unpacking | '*' expression |
    /// invalid_starred_expression`.
    fn ia_starred_expression(&mut self) -> PResult<Expr> {
        let a = self.expect(T::STAR)?;
        let after = self.pos;
        if let Some(e) = self.attempt(|p| {
            p.expression()?;
            p.expect(T::EQUAL)?;
            p.expression()
        })? {
            let (s, end) = (self.toks[a].start, end_of(&e));
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "cannot assign to iterable argument unpacking", s, end));
        }
        self.pos = after;
        if let Some(e) = self.attempt(|p| p.expression())? {
            return Ok(e);
        }
        let _ = self.cur();
        Err(self.raise_at_last_token("Invalid star expression"))
    }

    /// `invalid_kwarg`.
    fn ia_invalid_kwarg(&mut self) -> PResult<()> {
        let mark = self.pos;
        // a=('True'|'False'|'None') b='='
        if matches!(self.kw(), Kw::True | Kw::False | Kw::None) && self.nth_kind(1) == T::EQUAL {
            let a = self.pos;
            let msg = format!("cannot assign to {}", self.toks[a].text);
            return Err(self.raise_tok_range(&msg, a, a + 1));
        }
        // a=NAME b='=' expression for_if_clauses
        if self.at_name() && self.nth_kind(1) == T::EQUAL {
            let a = self.pos;
            let r = self.attempt(|p| {
                p.bump();
                p.bump();
                p.expression()?;
                if !p.at_for_clause() {
                    return Err(PErr::Fail);
                }
                p.for_if_clauses()
            })?;
            if r.is_some() {
                return Err(self.raise_tok_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", a, a + 1));
            }
            self.pos = mark;
        }
        // !(NAME '=') a=expression b='='
        if !(self.at_name() && self.nth_kind(1) == T::EQUAL) {
            if let Some(a) = self.attempt(|p| {
                let a = p.expression()?;
                if p.at(T::EQUAL) {
                    Ok(a)
                } else {
                    Err(PErr::Fail)
                }
            })? {
                let b = self.pos;
                let (s, e) = (start_of(&a), self.toks[b].end);
                return Err(self.raise_span(
                    SyntaxErrorKind::SyntaxError,
                    "expression cannot contain assignment, perhaps you meant \"==\"?",
                    s,
                    e,
                ));
            }
        }
        // a='**' expression '=' b=expression
        if self.at(T::DOUBLESTAR) {
            let a = self.pos;
            if let Some(b) = self.attempt(|p| {
                p.bump();
                p.expression()?;
                p.expect(T::EQUAL)?;
                p.expression()
            })? {
                let (s, e) = (self.toks[a].start, end_of(&b));
                return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "cannot assign to keyword argument unpacking", s, e));
            }
        }
        Err(PErr::Fail)
    }

    fn at_for_clause(&mut self) -> bool {
        self.at_kw(Kw::For) || (self.at_kw(Kw::Async) && self.nth_kw(1) == Kw::For)
    }

    /// One positional argument: `starred_expression | (assignment_expression | expression !':=') !'='`.
    fn ia_positional(&mut self, out: &mut Args) -> PResult<()> {
        if self.at(T::STAR) {
            let e = self.ia_starred_expression()?;
            out.positional.push(e);
            return Ok(());
        }
        let e = if self.at_name() && self.nth_kind(1) == T::COLONEQUAL {
            self.assignment_expression()?
        } else {
            let e = self.expression()?;
            if self.at(T::COLONEQUAL) {
                return Err(PErr::Fail);
            }
            e
        };
        if self.at(T::EQUAL) {
            return Err(PErr::Fail);
        }
        out.positional.push(e);
        Ok(())
    }

    /// `kwarg_or_starred` (`double` false) / `kwarg_or_double_starred` (`double` true).
    fn ia_kwarg(&mut self, double: bool, out: &mut Args) -> PResult<()> {
        self.invalid(|p| p.ia_invalid_kwarg())?;
        if self.at_name() && self.nth_kind(1) == T::EQUAL {
            self.bump();
            self.bump();
            self.expression()?;
            return Ok(());
        }
        if double {
            self.expect(T::DOUBLESTAR)?;
            self.expression()?;
            out.kw_unpacking = true;
            return Ok(());
        }
        let e = self.ia_starred_expression_or_fail()?;
        out.positional.push(e);
        Ok(())
    }

    fn ia_starred_expression_or_fail(&mut self) -> PResult<Expr> {
        if !self.at(T::STAR) {
            return Err(PErr::Fail);
        }
        self.ia_starred_expression()
    }

    /// `','.item+` (a ',' not followed by an item is left unconsumed); the count.
    fn ia_gather(&mut self, out: &mut Args, item: fn(&mut Self, &mut Args) -> PResult<()>) -> PResult<usize> {
        let mut tmp = Args::default();
        let got = self.attempt(|p| item(p, &mut tmp))?;
        if got.is_none() {
            return Err(PErr::Fail);
        }
        let mut n = 1;
        loop {
            let mark = self.pos;
            if !self.eat(T::COMMA) {
                break;
            }
            let mut t2 = Args::default();
            if self.attempt(|p| item(p, &mut t2))?.is_none() {
                self.pos = mark;
                break;
            }
            tmp.positional.extend(t2.positional);
            tmp.kw_unpacking |= t2.kw_unpacking;
            n += 1;
        }
        out.positional.extend(tmp.positional);
        out.kw_unpacking |= tmp.kw_unpacking;
        Ok(n)
    }

    /// `kwargs`.
    fn ia_kwargs(&mut self, out: &mut Args) -> PResult<()> {
        let mut a = Args::default();
        if self
            .attempt(|p| {
                p.ia_gather(&mut a, |p, o| p.ia_kwarg(false, o))?;
                p.expect(T::COMMA)?;
                p.ia_gather(&mut a, |p, o| p.ia_kwarg(true, o))
            })?
            .is_some()
        {
            out.positional.extend(a.positional);
            out.kw_unpacking |= a.kw_unpacking;
            return Ok(());
        }
        let mut b = Args::default();
        if self.attempt(|p| p.ia_gather(&mut b, |p, o| p.ia_kwarg(false, o)))?.is_some() {
            out.positional.extend(b.positional);
            return Ok(());
        }
        self.ia_gather(out, |p, o| p.ia_kwarg(true, o))?;
        Ok(())
    }

    /// `args`.
    fn ia_args(&mut self) -> PResult<Args> {
        let mut out = Args::default();
        if self.attempt(|p| p.ia_gather(&mut out, Self::ia_positional))?.is_some() {
            let mark = self.pos;
            let mut k = Args::default();
            if self
                .attempt(|p| {
                    p.expect(T::COMMA)?;
                    p.ia_kwargs(&mut k)
                })?
                .is_none()
            {
                self.pos = mark;
            } else {
                out.positional.extend(k.positional);
                out.kw_unpacking |= k.kw_unpacking;
            }
            return Ok(out);
        }
        let mut out = Args::default();
        self.ia_kwargs(&mut out)?;
        Ok(out)
    }

    /// The second pass over a call's arguments, at its '('.
    pub(crate) fn invalid_call_arguments(&mut self) -> PResult<()> {
        self.expect(T::LPAR)?;
        let start = self.pos;
        // arguments: args [','] &')'
        if self.at(T::RPAR) {
            return Err(PErr::Fail);
        }
        if self
            .attempt(|p| {
                p.ia_args()?;
                p.eat(T::COMMA);
                if p.at(T::RPAR) {
                    Ok(())
                } else {
                    Err(PErr::Fail)
                }
            })?
            .is_some()
        {
            return Err(PErr::Fail);
        }
        self.pos = start;
        self.invalid_arguments()
    }

    /// `invalid_arguments`.
    fn invalid_arguments(&mut self) -> PResult<()> {
        let start = self.pos;
        // ((','.(starred_expression | …)+ ',' kwargs) | kwargs) a=',' ','.(starred_expression !'=')+
        let r = self.attempt(|p| {
            let mut tmp = Args::default();
            if p
                .attempt(|p| {
                    p.ia_gather(&mut tmp, Self::ia_positional)?;
                    p.expect(T::COMMA)?;
                    p.ia_kwargs(&mut tmp)
                })?
                .is_none()
            {
                p.ia_kwargs(&mut tmp)?;
            }
            let a = p.expect(T::COMMA)?;
            let mut last = p.ia_starred_no_eq()?;
            loop {
                let mark = p.pos;
                if !p.eat(T::COMMA) {
                    break;
                }
                match p.attempt(|p| p.ia_starred_no_eq())? {
                    Some(e) => last = e,
                    None => {
                        p.pos = mark;
                        break;
                    }
                }
            }
            Ok((a, last))
        })?;
        if let Some((a, last)) = r {
            let (s, e) = (self.toks[a].start, end_of(&last));
            return Err(self.raise_span(
                SyntaxErrorKind::SyntaxError,
                "iterable argument unpacking follows keyword argument unpacking",
                s,
                e,
            ));
        }
        self.pos = start;
        // a=expression b=for_if_clauses ',' [args | expression for_if_clauses]
        let r = self.attempt(|p| {
            let a = p.expression()?;
            if !p.at_for_clause() {
                return Err(PErr::Fail);
            }
            let b = p.for_if_clauses()?;
            p.expect(T::COMMA)?;
            if p.attempt(|p| p.ia_args())?.is_none() {
                p.attempt(|p| {
                    p.expression()?;
                    p.for_if_clauses()
                })?;
            }
            Ok((a, b))
        })?;
        if let Some((a, b)) = r {
            let last = last_comprehension_item(&b).map(end_of).unwrap_or_else(|| end_of(&a));
            let s = start_of(&a);
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "Generator expression must be parenthesized", s, last));
        }
        self.pos = start;
        // a=NAME b='=' expression for_if_clauses
        if self.at_name() && self.nth_kind(1) == T::EQUAL {
            let a = self.pos;
            if self
                .attempt(|p| {
                    p.bump();
                    p.bump();
                    p.expression()?;
                    if !p.at_for_clause() {
                        return Err(PErr::Fail);
                    }
                    p.for_if_clauses()
                })?
                .is_some()
            {
                return Err(self.raise_tok_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", a, a + 1));
            }
        }
        self.pos = start;
        // (args ',')? a=NAME b='=' &(',' | ')')
        let r = self.attempt(|p| {
            p.attempt(|p| {
                p.ia_args()?;
                p.expect(T::COMMA)
            })?;
            if !(p.at_name() && p.nth_kind(1) == T::EQUAL && matches!(p.nth_kind(2), T::COMMA | T::RPAR)) {
                return Err(PErr::Fail);
            }
            Ok(p.pos)
        })?;
        if let Some(a) = r {
            return Err(self.raise_tok_range("expected argument value expression", a, a + 1));
        }
        self.pos = start;
        // a=args b=for_if_clauses
        let r = self.attempt(|p| {
            let a = p.ia_args()?;
            if !p.at_for_clause() {
                return Err(PErr::Fail);
            }
            let b = p.for_if_clauses()?;
            Ok((a, b))
        })?;
        if let Some((a, b)) = r {
            if a.positional.len() > 1 {
                let last_arg = a.positional.last().expect("len > 1");
                let s = start_of(last_arg);
                let e = last_comprehension_item(&b).map(end_of).unwrap_or_else(|| end_of(last_arg));
                return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "Generator expression must be parenthesized", s, e));
            }
        }
        self.pos = start;
        // args ',' a=expression b=for_if_clauses
        let r = self.attempt(|p| {
            p.ia_args()?;
            p.expect(T::COMMA)?;
            let a = p.expression()?;
            if !p.at_for_clause() {
                return Err(PErr::Fail);
            }
            let b = p.for_if_clauses()?;
            Ok((a, b))
        })?;
        if let Some((a, b)) = r {
            let s = start_of(&a);
            let e = last_comprehension_item(&b).map(end_of).unwrap_or_else(|| end_of(&a));
            return Err(self.raise_span(SyntaxErrorKind::SyntaxError, "Generator expression must be parenthesized", s, e));
        }
        self.pos = start;
        // a=args ',' args
        let r = self.attempt(|p| {
            let a = p.ia_args()?;
            p.expect(T::COMMA)?;
            p.ia_args()?;
            Ok(a)
        })?;
        if let Some(a) = r {
            let msg = if a.kw_unpacking {
                "positional argument follows keyword argument unpacking"
            } else {
                "positional argument follows keyword argument"
            };
            return Err(self.raise_at_last_token(msg));
        }
        Err(PErr::Fail)
    }

    /// `starred_expression !'='`.
    fn ia_starred_no_eq(&mut self) -> PResult<Expr> {
        let e = self.ia_starred_expression_or_fail()?;
        if self.at(T::EQUAL) {
            return Err(PErr::Fail);
        }
        Ok(e)
    }
}

impl<'src> Parser<'src> {
    /// A call's `'(' arguments ')'`; in the second pass, when it fails, the
    /// `invalid_arguments` rules (once per call site).
    pub(crate) fn call_arguments_checked(&mut self) -> PResult<Option<(Vec<Expr>, Vec<crate::ast::Keyword>)>> {
        let mark = self.pos;
        let r = self.call_arguments();
        if self.call_invalid_rules && matches!(r, Err(PErr::Fail)) && {
            self.pos = mark;
            self.memo_once(7)
        } {
            self.invalid(|p| p.invalid_call_arguments())?;
        }
        r
    }

    /// `invalid_for_if_clause` then `invalid_for_target`, where a comprehension's
    /// `for … in` failed.
    pub(crate) fn invalid_for_if_clause(&mut self) -> PResult<()> {
        let mark = self.pos;
        let r = self.attempt(|p| {
            p.eat_kw(Kw::Async);
            p.expect_kw(Kw::For)?;
            p.bitwise_or()?;
            while p.at(T::COMMA) {
                p.bump();
                if p.attempt(|p| p.bitwise_or())?.is_none() {
                    break;
                }
            }
            if p.at_kw(Kw::In) {
                return Err(PErr::Fail);
            }
            Ok(())
        })?;
        if r.is_some() {
            return Err(self.raise_at_last_token("'in' expected after for-loop variables"));
        }
        self.pos = mark;
        self.invalid_for_target()
    }
}

impl<'src> Parser<'src> {
    /// A positional call argument: `assignment_expression | expression !':='` (not
    /// `named_expression`, whose invalid rule does not apply inside calls).
    pub(crate) fn call_positional_arg(&mut self) -> PResult<Expr> {
        if self.at_name() && self.nth_kind(1) == T::COLONEQUAL {
            return self.assignment_expression();
        }
        let e = self.expression()?;
        if self.at(T::COLONEQUAL) {
            return Err(PErr::Fail);
        }
        Ok(e)
    }
}
