//! `invalid_*` rules of the compound statements: a missing `:` ("expected ':'"), a
//! missing indented block ("expected an indented block after 'if' statement on line N"),
//! and the `try`/`except` mistakes.

use super::super::{Kw, PErr, PResult, Parser};
use crate::error::SyntaxErrorKind;
use crate::tokenizer::TokenKind as T;

impl<'src> Parser<'src> {
    /// `NEWLINE !INDENT` after a block header: the IndentationError naming the statement.
    fn indented_block_error(&mut self, what: &str, line: u32) -> PResult<()> {
        if self.at_newline_without_indent() {
            return Err(self.raise_indentation_at_last_token(format!(
                "expected an indented block after {what} on line {line}"
            )));
        }
        Err(PErr::Fail)
    }

    /// After a header's last part: NEWLINE → "expected ':'"; ':' NEWLINE !INDENT → the
    /// indentation error.
    fn header_end(&mut self, what: &str, line: u32) -> PResult<()> {
        if self.at(T::NEWLINE) {
            return Err(self.raise_at_last_token_after_fetch("expected ':'"));
        }
        self.expect(T::COLON)?;
        self.indented_block_error(what, line)
    }

    /// RAISE_SYNTAX_ERROR at the last token fetched, after looking at the current one.
    fn raise_at_last_token_after_fetch(&mut self, msg: &str) -> PErr {
        let _ = self.cur();
        self.raise_at_last_token(msg)
    }

    /// `invalid_block`: `NEWLINE !INDENT` → "expected an indented block".
    pub(crate) fn invalid_block(&mut self) -> PResult<()> {
        if self.at_newline_without_indent() {
            return Err(self.raise_indentation_at_last_token("expected an indented block"));
        }
        Err(PErr::Fail)
    }

    /// `invalid_if_stmt` / `invalid_elif_stmt`.
    pub(crate) fn invalid_if_stmt(&mut self) -> PResult<()> {
        let kw = if self.at_kw(Kw::Elif) { "elif" } else { "if" };
        let line = self.start().line;
        self.bump();
        self.named_expression()?;
        self.header_end(&format!("'{kw}' statement"), line)
    }

    /// `invalid_else_stmt`: `'else' ':' NEWLINE !INDENT`.
    pub(crate) fn invalid_else_stmt(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.expect_kw(Kw::Else)?;
        self.expect(T::COLON)?;
        self.indented_block_error("'else' statement", line)
    }

    /// `invalid_while_stmt`.
    pub(crate) fn invalid_while_stmt(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.bump();
        self.named_expression()?;
        self.header_end("'while' statement", line)
    }

    /// `invalid_for_stmt` (`async` already consumed by the caller when present).
    pub(crate) fn invalid_for_stmt(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.expect_kw(Kw::For)?;
        self.star_targets()?;
        self.expect_kw(Kw::In)?;
        self.star_expressions()?;
        self.header_end("'for' statement", line)
    }

    /// `invalid_for_target`: `'async'? 'for' a=star_expressions` → "cannot assign to …".
    pub(crate) fn invalid_for_target(&mut self) -> PResult<()> {
        self.eat_kw(Kw::Async);
        self.expect_kw(Kw::For)?;
        let a = self.star_expressions()?;
        Err(self.raise_invalid_target(super::TargetsType::For, &a))
    }

    /// `invalid_with_stmt` and `invalid_with_stmt_indent` (after `async`).
    pub(crate) fn invalid_with_stmt(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.expect_kw(Kw::With)?;
        let mark = self.pos;
        // '(' ','.(expressions ['as' star_target])+ ','? ')'
        if self.at(T::LPAR) {
            let r: PResult<()> = (|| {
                self.bump();
                loop {
                    self.expressions()?;
                    if self.eat_kw(Kw::As) {
                        self.star_target()?;
                    }
                    if !self.eat(T::COMMA) {
                        break;
                    }
                    if self.at(T::RPAR) {
                        break;
                    }
                }
                self.expect(T::RPAR)?;
                if self.at(T::NEWLINE) || self.at(T::COLON) {
                    return self.header_end("'with' statement", line);
                }
                Err(PErr::Fail)
            })();
            match r {
                Err(PErr::Fail) => self.pos = mark,
                other => return other,
            }
        }
        // ','.(expression ['as' star_target])+
        loop {
            self.expression()?;
            if self.eat_kw(Kw::As) {
                self.star_target()?;
            }
            if !self.eat(T::COMMA) {
                break;
            }
        }
        self.header_end("'with' statement", line)
    }

    /// `invalid_with_item`: `expression 'as' a=expression &(',' | ')' | ':')`.
    pub(crate) fn invalid_with_item(&mut self) -> PResult<()> {
        self.expression()?;
        self.expect_kw(Kw::As)?;
        let a = self.expression()?;
        if !matches!(self.kind(), T::COMMA | T::RPAR | T::COLON) {
            return Err(PErr::Fail);
        }
        Err(self.raise_invalid_target(super::TargetsType::Star, &a))
    }

    /// `invalid_def_raw` (`async` already consumed).
    pub(crate) fn invalid_def_raw(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.expect_kw(Kw::Def)?;
        self.expect_name()?;
        if self.at(T::LSQB) {
            self.type_params()?;
        }
        self.expect(T::LPAR)?;
        if !self.at(T::RPAR) {
            self.params()?;
        }
        self.expect(T::RPAR)?;
        if self.eat(T::RARROW) {
            self.expression()?;
        }
        self.expect(T::COLON)?;
        self.indented_block_error("function definition", line)
    }

    /// `invalid_class_def_raw`.
    pub(crate) fn invalid_class_def_raw(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.expect_kw(Kw::Class)?;
        self.expect_name()?;
        if self.at(T::LSQB) {
            self.type_params()?;
        }
        if self.at(T::LPAR) {
            if self.call_arguments()?.is_none() {
                return Err(PErr::Fail);
            }
        }
        self.header_end("class definition", line)
    }

    /// `invalid_try_stmt`.
    pub(crate) fn invalid_try_stmt(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.expect_kw(Kw::Try)?;
        self.expect(T::COLON)?;
        let mark = self.pos;
        if self.at_newline_without_indent() {
            return Err(self.raise_indentation_at_last_token(format!(
                "expected an indented block after 'try' statement on line {line}"
            )));
        }
        self.pos = mark;
        self.block()?;
        if !(self.at_kw(Kw::Except) || self.at_kw(Kw::Finally)) {
            return Err(self.raise_at_last_token_after_fetch("expected 'except' or 'finally' block"));
        }
        // except_block+ then an except of the other kind
        let mut star: Option<bool> = None;
        while self.at_kw(Kw::Except) {
            self.invalid(|p| p.invalid_except_stmt())?;
            let kw_tok = self.pos;
            self.bump();
            let is_star = self.at(T::STAR);
            match star {
                None => star = Some(is_star),
                Some(s) if s != is_star => {
                    if is_star {
                        // 'except' '*' expression ['as' NAME] ':'
                        let star_tok = self.bump();
                        self.expression()?;
                        if self.eat_kw(Kw::As) {
                            self.expect_name()?;
                        }
                        self.expect(T::COLON)?;
                        let (a, b) = (self.toks[kw_tok].start, self.toks[star_tok].end);
                        return Err(self.raise_span(
                            SyntaxErrorKind::SyntaxError,
                            "cannot have both 'except' and 'except*' on the same 'try'",
                            a,
                            b,
                        ));
                    }
                    // 'except' [expression ['as' NAME]] ':'
                    if !self.at(T::COLON) {
                        self.expression()?;
                        if self.eat_kw(Kw::As) {
                            self.expect_name()?;
                        }
                    }
                    self.expect(T::COLON)?;
                    let (a, b) = (self.toks[kw_tok].start, self.toks[kw_tok].end);
                    return Err(self.raise_span(
                        SyntaxErrorKind::SyntaxError,
                        "cannot have both 'except' and 'except*' on the same 'try'",
                        a,
                        b,
                    ));
                }
                _ => {}
            }
            if is_star {
                self.bump();
            }
            if !self.at(T::COLON) {
                self.expression()?;
                if self.eat_kw(Kw::As) {
                    self.expect_name()?;
                }
            } else if is_star {
                return Err(PErr::Fail);
            }
            self.expect(T::COLON)?;
            self.block()?;
        }
        Err(PErr::Fail)
    }

    /// `invalid_except_stmt_indent`, `invalid_except_star_stmt_indent` and
    /// `invalid_except_stmt`, at an `except`.
    pub(crate) fn invalid_except_stmt(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.expect_kw(Kw::Except)?;
        let star = self.at(T::STAR);
        let mark = self.pos;
        // indentation: 'except' ['*'] expression ['as' NAME] ':' NEWLINE !INDENT | 'except' ':' NEWLINE !INDENT
        {
            let r: PResult<()> = (|| {
                if star {
                    self.bump();
                }
                if !(self.at(T::COLON) && !star) {
                    self.expression()?;
                    if self.eat_kw(Kw::As) {
                        self.expect_name()?;
                    }
                }
                self.expect(T::COLON)?;
                let what = if star { "'except*' statement" } else { "'except' statement" };
                self.indented_block_error(what, line)
            })();
            match r {
                Err(PErr::Fail) => self.pos = mark,
                other => return other,
            }
        }
        // 'except' '*'? a=expression ',' expressions ['as' NAME] ':'
        if star {
            self.bump();
        }
        let after_star = self.pos;
        if self.at(T::NEWLINE) && !star {
            return Err(self.raise_at_last_token_after_fetch("expected ':'"));
        }
        if star && (self.at(T::NEWLINE) || self.at(T::COLON)) {
            return Err(self.raise_at_last_token_after_fetch("expected one or more exception types"));
        }
        let a = self.start();
        self.expression()?;
        if self.at(T::COMMA) {
            let r: PResult<()> = (|| {
                self.bump();
                self.expressions()?;
                if self.eat_kw(Kw::As) {
                    self.expect_name()?;
                }
                self.expect(T::COLON)?;
                Err(self.raise_starting_from("multiple exception types must be parenthesized", a))
            })();
            match r {
                Err(PErr::Fail) => {}
                other => return other,
            }
            self.pos = after_star;
            self.expression()?;
        }
        if self.eat_kw(Kw::As) {
            self.expect_name()?;
        }
        if self.at(T::NEWLINE) {
            return Err(self.raise_at_last_token_after_fetch("expected ':'"));
        }
        Err(PErr::Fail)
    }

    /// `invalid_finally_stmt`: `'finally' ':' NEWLINE !INDENT`.
    pub(crate) fn invalid_finally_stmt(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.expect_kw(Kw::Finally)?;
        self.expect(T::COLON)?;
        self.indented_block_error("'finally' statement", line)
    }

    /// `invalid_match_stmt`: `"match" subject_expr NEWLINE` / `… ':' NEWLINE !INDENT`.
    pub(crate) fn invalid_match_stmt(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.bump();
        self.subject_expr()?;
        self.header_end("'match' statement", line)
    }

    /// `invalid_case_block`: `"case" patterns guard? NEWLINE` / `… ':' NEWLINE !INDENT`.
    pub(crate) fn invalid_case_block(&mut self) -> PResult<()> {
        let line = self.start().line;
        self.bump();
        self.patterns()?;
        if self.eat_kw(Kw::If) {
            self.named_expression()?;
        }
        self.header_end("'case' statement", line)
    }
}
