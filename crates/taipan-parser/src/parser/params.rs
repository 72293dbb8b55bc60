//! Function and lambda parameters (python.gram "Function parameters", `lambdef`):
//! positional-only (`/`), defaults, `*args` (with PEP 646 `*args: *Ts`), keyword-only
//! parameters, `**kwargs`, and per-parameter type comments.

use super::{Kw, PErr, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokenKind as T;

impl<'src> Parser<'src> {
    pub(crate) fn empty_arguments() -> Arguments {
        Arguments {
            posonlyargs: Vec::new(),
            args: Vec::new(),
            vararg: None,
            kwonlyargs: Vec::new(),
            kw_defaults: Vec::new(),
            kwarg: None,
            defaults: Vec::new(),
        }
    }

    /// `lambdef`: `'lambda' [lambda_params] ':' expression`.
    pub(crate) fn lambdef(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        let args = if self.at(T::COLON) { Self::empty_arguments() } else { self.parameters(true)? };
        self.expect(T::COLON)?;
        let body = self.expression()?;
        Ok(Expr::Lambda(ExprLambda { args: Box::new(args), body: Box::new(body), range: self.range_from(start) }))
    }

    /// `params` of a `def`.
    pub(crate) fn params(&mut self) -> PResult<Arguments> {
        self.parameters(false)
    }

    /// One `param` (or `lambda_param`): `NAME [':' expression]`; `star` allows the
    /// `star_annotation` of `*args: *Ts`.
    fn param(&mut self, lambda: bool, star: bool) -> PResult<Arg> {
        let start = self.start();
        let (arg, _) = self.expect_name()?;
        let annotation = if !lambda && self.eat(T::COLON) {
            Some(Box::new(if star { self.star_expression()? } else { self.expression()? }))
        } else {
            None
        };
        Ok(Arg { arg, annotation, type_comment: None, range: self.range_from(start) })
    }

    /// The comma or closing token after a parameter, and its type comment.
    /// Returns false when the parameter list ends here.
    fn after_param(&mut self, lambda: bool, arg: &mut Arg) -> PResult<bool> {
        let close = if lambda { T::COLON } else { T::RPAR };
        if self.eat(T::COMMA) {
            if !lambda {
                if let Some(tc) = self.opt_type_comment() {
                    arg.type_comment = Some(tc);
                }
            }
            return Ok(!self.at(close));
        }
        if !lambda {
            if let Some(tc) = self.opt_type_comment() {
                arg.type_comment = Some(tc);
            }
        }
        if self.at(close) {
            Ok(false)
        } else {
            Err(PErr::Fail)
        }
    }

    pub(crate) fn parameters(&mut self, lambda: bool) -> PResult<Arguments> {
        let close = if lambda { T::COLON } else { T::RPAR };
        self.invalid(|p| p.invalid_parameters(lambda))?;
        let mut a = Self::empty_arguments();
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut seen_default = false;
        loop {
            match self.kind() {
                T::SLASH => {
                    if seen_slash || seen_star || a.args.is_empty() {
                        return Err(PErr::Fail);
                    }
                    self.bump();
                    seen_slash = true;
                    a.posonlyargs = std::mem::take(&mut a.args);
                    if self.eat(T::COMMA) {
                        if self.at(close) {
                            break;
                        }
                        continue;
                    }
                    if self.at(close) {
                        break;
                    }
                    return Err(PErr::Fail);
                }
                T::STAR => {
                    self.invalid(|p| p.invalid_star_etc(lambda))?;
                    if seen_star {
                        return Err(PErr::Fail);
                    }
                    self.bump();
                    seen_star = true;
                    if self.at(T::COMMA) {
                        self.bump();
                        // Bare `*` must be followed by keyword-only parameters.
                        if !self.at_name() {
                            return Err(PErr::Fail);
                        }
                        continue;
                    }
                    let mut arg = self.param(lambda, true)?;
                    let more = self.after_param(lambda, &mut arg)?;
                    a.vararg = Some(arg);
                    if !more {
                        break;
                    }
                }
                T::DOUBLESTAR => {
                    self.invalid(|p| p.invalid_kwds(lambda))?;
                    self.bump();
                    let mut arg = self.param(lambda, false)?;
                    let more = self.after_param(lambda, &mut arg)?;
                    a.kwarg = Some(arg);
                    if more {
                        return Err(PErr::Fail);
                    }
                    break;
                }
                _ => {
                    let mut arg = self.param(lambda, false)?;
                    if self.at(T::EQUAL) {
                        self.invalid(|p| p.invalid_default())?;
                    }
                    let default = if self.eat(T::EQUAL) { Some(self.expression()?) } else { None };
                    let more = self.after_param(lambda, &mut arg)?;
                    if seen_star {
                        a.kwonlyargs.push(arg);
                        a.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(d) => {
                                seen_default = true;
                                a.defaults.push(d);
                            }
                            None if seen_default => return Err(PErr::Fail),
                            None => {}
                        }
                        a.args.push(arg);
                    }
                    if !more {
                        break;
                    }
                }
            }
        }
        let _ = Kw::NotKw;
        Ok(a)
    }
}
