"""(Re)create the syntax-error corpus tests/syntax_errors/NAME.py.

Run by the reference CPython 3.13:  tools/ref.sh tools/gen_syntax_error_corpus.py

Two sources of cases:
- our own cases, listed below (tokenizer errors, limits, encodings, and at least one case
  for every `invalid_*` rule of Grammar/python.gram that CPython 3.13 has);
- cases collected at generation time from the reference's own test suite
  (Lib/test/test_syntax.py doctests, and the sources handed to `check_syntax_error`,
  `_check_error`, `check`, `assertAllRaise`, `assertRaises(SyntaxError, …)` in
  test_syntax, test_exceptions, test_fstring, test_grammar, test_string_literals,
  test_eof, test_unicode_identifiers, test_tokenize).

Every case must be rejected by `ast.parse` (the parser: SyntaxError and its subclasses,
or the parser's MemoryError for too-deep nesting); sources that parse, or that only the
compiler (symtable, codegen) rejects, are dropped — they belong to the compiler's corpus.
The file is written as bytes and checked as those exact bytes (coding cookies apply).

Afterwards regenerate the expected outputs: tools/ref.sh tools/gen_syntax_error_goldens.py
"""

import ast
import doctest
import os
import re
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "syntax_errors")
LIBTEST = os.path.join(os.path.dirname(os.__file__), "test")

# ---------------------------------------------------------------------------------------
# Our own cases: (name, source). str sources are written as UTF-8; bytes as they are.
# ---------------------------------------------------------------------------------------
OWN = [
    # --- strings ---
    ("tok_unterminated_single_quote", "x = 'abc\n"),
    ("tok_unterminated_double_quote", 'x = "abc\n'),
    ("tok_unterminated_string_at_eof_no_newline", "x = 'abc"),
    ("tok_unterminated_string_second_line", "a = 1\nb = 'x\nc = 3\n"),
    ("tok_unterminated_string_after_unicode", "s = 'é' + 'ü\n"),
    ("tok_unterminated_string_line_continuation", "x = 'abc\\\n"),
    ("tok_unterminated_string_continuation_then_eof", "x = 'abc\\\ndef\n"),
    ("tok_unterminated_triple_single", "x = '''abc\n\ndef\n"),
    ("tok_unterminated_triple_double", 'x = """abc\nmore\n'),
    ("tok_unterminated_triple_at_eof_no_newline", 'x = """abc'),
    ("tok_unterminated_triple_many_lines", 'a = 1\nx = """\n' + "line\n" * 20),
    ("tok_unterminated_bytes", "x = b'abc\n"),
    ("tok_unterminated_raw", "x = r'abc\\'\n"),
    ("tok_unterminated_triple_in_def", 'def f():\n    """doc\n    x = 1\n'),
    ("tok_bytes_non_ascii", "x = b'é'\n"),
    ("tok_bytes_non_ascii_triple", "x = b'''ok\n\u20ac'''\n"),
    ("tok_string_prefix_ur", "x = ur'abc'\n"),
    ("tok_string_prefix_bu", "x = bu'abc'\n"),
    ("tok_string_prefix_unknown", "x = k'abc'\n"),
    ("tok_escape_truncated_x", "x = '\\x4'\n"),
    ("tok_escape_truncated_u", "x = '\\u12'\n"),
    ("tok_escape_truncated_U", "x = '\\U0001F60'\n"),
    ("tok_escape_illegal_U", "x = '\\U00110000'\n"),
    ("tok_escape_unknown_name", "x = '\\N{NO SUCH CHARACTER NAME}'\n"),
    ("tok_escape_N_without_brace", "x = '\\N'\n"),
    ("tok_escape_N_unclosed", "x = '\\N{LATIN'\n"),
    ("tok_bytes_escape_truncated_x", "x = b'\\x4'\n"),
    ("tok_escape_error_second_line", "a = 1\nx = 'ok' '\\x' + y\n"),
    ("tok_escape_error_after_unicode", "x = 'é\\x'\n"),
    ("tok_escape_error_in_triple", "x = '''\nabc \\x\n'''\n"),
    # --- f-strings ---
    ("fstr_unterminated", "x = f'abc\n"),
    ("fstr_unterminated_triple", "x = f'''abc\n{1}\n"),
    ("fstr_unterminated_in_expr", "x = f'{a\n"),
    ("fstr_unclosed_brace", "x = f'{a'\n"),
    ("fstr_single_close_brace", "x = f'a}b'\n"),
    ("fstr_empty_expression", "x = f'{}'\n"),
    ("fstr_empty_expression_spaces", "x = f'{   }'\n"),
    ("fstr_bang_without_conversion", "x = f'{a!}'\n"),
    ("fstr_bad_conversion", "x = f'{a!z}'\n"),
    ("fstr_bad_conversion_long", "x = f'{a!rr}'\n"),
    ("fstr_conversion_space", "x = f'{a! r}'\n"),
    ("fstr_conversion_only", "x = f'{!r}'\n"),
    ("fstr_lambda_unparenthesized", "x = f'{lambda y: 1}'\n"),
    ("fstr_comment_in_single_line", "x = f'{a # c}'\n"),
    ("fstr_nested_too_deeply", "x = f'{a:{b:{c}}}'\n"),
    ("fstr_starred", "x = f'{*a}'\n"),
    ("fstr_yield_bad", "x = f'{yield =}'\n"),
    ("fstr_assignment", "x = f'{a = 1}'\n"),
    ("fstr_walrus_unparenthesized_ok_then_error", "x = f'{a:=1}' +\n"),
    ("fstr_backslash_in_format_spec_ok_then_error", "x = f'{a:\\n}' $\n"),
    ("fstr_expression_syntax_error", "x = f'{a b}'\n"),
    ("fstr_expression_invalid_op", "x = f'{a +}'\n"),
    ("fstr_unmatched_paren", "x = f'{a)}'\n"),
    ("fstr_unmatched_bracket", "x = f'{a]}'\n"),
    ("fstr_closing_mismatch", "x = f'{(a]}'\n"),
    ("fstr_multiline_error", "x = f'''{\na\n+\n}'''\n"),
    ("fstr_error_second_line", "a = 1\nx = f'{a!x}'\n"),
    ("fstr_nested_fstring_error", "x = f'{f\"{a!q}\"}'\n"),
    ("fstr_format_spec_unterminated", "x = f'{a:'\n"),
    ("fstr_equals_bad_conversion", "x = f'{a=!z}'\n"),
    ("fstr_invalid_char_in_expr", "x = f'{a $ b}'\n"),
    ("fstr_unicode_before_error", "x = f'äöü{a!}'\n"),
    ("fstr_bytes_prefix", "x = fb'abc'\n"),
    ("fstr_newline_in_single_quoted", "x = f'{a}\n'\n"),
    ("fstr_raw_unterminated", "x = rf'abc\n"),
    # --- numbers ---
    ("num_leading_zero", "x = 0123\n"),
    ("num_leading_zero_underscore", "x = 00_7\n"),
    ("num_hex_empty", "x = 0x\n"),
    ("num_hex_bad_digit", "x = 0x1g\n"),
    ("num_hex_trailing_underscore", "x = 0x_\n"),
    ("num_octal_bad_digit", "x = 0o8\n"),
    ("num_octal_empty", "x = 0o\n"),
    ("num_octal_letter", "x = 0o7a\n"),
    ("num_binary_bad_digit", "x = 0b2\n"),
    ("num_binary_empty", "x = 0b\n"),
    ("num_binary_letter", "x = 0b1c\n"),
    ("num_decimal_letter", "x = 1abc\n"),
    ("num_decimal_trailing_underscore", "x = 1_\n"),
    ("num_double_underscore", "x = 1__000\n"),
    ("num_exponent_empty", "x = 1e\n"),
    ("num_exponent_sign_only", "x = 1e+\n"),
    ("num_exponent_letter", "x = 1.5ex\n"),
    ("num_exponent_underscore", "x = 1e_5\n"),
    ("num_fraction_underscore", "x = 1._5\n"),
    ("num_imaginary_letter", "x = 1jx\n"),
    ("num_float_letter", "x = 1.5abc\n"),
    ("num_float_dot_underscore", "x = 1_.5\n"),
    ("num_zero_letter", "x = 0abc\n"),
    ("num_keyword_glued_else", "x = 1 if y else2\n"),
    ("num_leading_zero_in_expression", "y = 1 + 09 + 3\n"),
    ("num_after_unicode", "é = 0x_g\n"),
    # --- characters ---
    ("char_dollar", "x = 1 $ 2\n"),
    ("char_question_mark", "x = a ? b : c\n"),
    ("char_backtick", "x = `a`\n"),
    ("char_euro", "x = 1 \u20ac 2\n"),
    ("char_curly_quotes", "x = \u2018abc\u2019\n"),
    ("char_in_identifier", "ab\u20accd = 1\n"),
    ("char_middle_dot_start", "\u00b7a = 1\n"),
    ("char_non_printable", "x = 1\x01\n"),
    ("char_non_printable_start", "\x7f = 1\n"),
    ("char_zero_width_space", "x\u200b = 1\n"),
    ("char_nbsp", "x =\u00a01\n"),
    ("char_emoji", "x = \U0001f600\n"),
    ("char_lone_bang", "x = !a\n"),
    ("char_arrow_unicode", "x \u2192 y\n"),
    ("char_fullwidth_paren", "print\uff08'a'\uff09\n"),
    ("char_invalid_after_valid_lines", "a = 1\nb = 2\nc = a @@ b ¤\n"),
    # --- brackets ---
    ("bracket_unmatched_close_paren", "x = 1)\n"),
    ("bracket_unmatched_close_bracket", "x = ]\n"),
    ("bracket_unmatched_close_brace", "}\n"),
    ("bracket_mismatch_paren_bracket", "x = (1, 2]\n"),
    ("bracket_mismatch_bracket_paren", "x = [1, 2)\n"),
    ("bracket_mismatch_brace_paren", "x = {1: 2)\n"),
    ("bracket_mismatch_across_lines", "x = (1,\n     2,\n     3]\n"),
    ("bracket_never_closed_paren", "foo(1,\n    2\n"),
    ("bracket_never_closed_bracket", "x = [1, 2\n"),
    ("bracket_never_closed_brace", "x = {\n"),
    ("bracket_never_closed_then_statement", "x = (1,\ny = 2\n"),
    ("bracket_never_closed_inner", "x = [(1, 2], 3]\n"),
    ("bracket_never_closed_eof_no_newline", "x = ("),
    ("bracket_close_after_dedent", "if x:\n    y = (1\n)\n"),
    ("bracket_nested_201", "x = " + "(" * 201 + ")" * 201 + "\n"),
    ("bracket_nested_300_brackets", "x = " + "[" * 300 + "]" * 300 + "\n"),
    ("bracket_nested_100000_parens", "(" * 100000 + "\n"),
    ("bracket_nested_mixed_deep", "x = " + "([{" * 70 + "}])" * 70 + "\n"),
    # --- nesting / recursion limits ---
    ("limit_unary_minus_100000", "-" * 100000 + "1\n"),
    ("limit_not_25000", "not " * 25000 + "x\n"),
    ("limit_parens_199_then_error", "x = " + "(" * 199 + "1 +" + ")" * 199 + "\n"),
    ("limit_indentation_100_levels", "".join(" " * i + "if x:\n" for i in range(101)) + " " * 101 + "pass\n"),
    ("limit_lambda_chain", "f = " + "lambda: " * 10000 + "1\n"),
    ("limit_attribute_chain_then_error", "x = a" + ".b" * 5000 + ".\n"),
    ("limit_power_chain_deep", "x = " + "2 ** " * 20000 + "2\n"),
    ("limit_await_chain", "x = " + "await " * 20000 + "x\n"),
    ("limit_subscript_deep", "x = a" + "[" * 250 + "1" + "]" * 250 + "\n"),
    # --- indentation ---
    ("indent_unexpected", "x = 1\n    y = 2\n"),
    ("indent_unexpected_first_line", "  x = 1\n"),
    ("indent_unindent_mismatch", "if x:\n        a = 1\n    b = 2\n"),
    ("indent_unindent_mismatch_deeper", "def f():\n    if x:\n        a\n      b\n"),
    ("indent_expected_block_if", "if x:\ny = 1\n"),
    ("indent_expected_block_elif", "if x:\n    pass\nelif y:\nz = 1\n"),
    ("indent_expected_block_else", "if x:\n    pass\nelse:\nz = 1\n"),
    ("indent_expected_block_while", "while x:\ny\n"),
    ("indent_expected_block_for", "for x in y:\nz\n"),
    ("indent_expected_block_async_for", "async def f():\n    async for x in y:\n    z\n"),
    ("indent_expected_block_with", "with a as b:\nc\n"),
    ("indent_expected_block_with_parens", "with (a as b, c):\nd\n"),
    ("indent_expected_block_async_with", "async def f():\n    async with a:\n    z\n"),
    ("indent_expected_block_try", "try:\nx\n"),
    ("indent_expected_block_except", "try:\n    x\nexcept:\ny\n"),
    ("indent_expected_block_except_as", "try:\n    x\nexcept E as e:\ny\n"),
    ("indent_expected_block_except_star", "try:\n    x\nexcept* E:\ny\n"),
    ("indent_expected_block_finally", "try:\n    x\nfinally:\ny\n"),
    ("indent_expected_block_else_of_try", "try:\n    x\nexcept:\n    pass\nelse:\ny\n"),
    ("indent_expected_block_def", "def f():\nreturn 1\n"),
    ("indent_expected_block_async_def", "async def f():\nreturn 1\n"),
    ("indent_expected_block_class", "class C:\nx = 1\n"),
    ("indent_expected_block_match", "match x:\ncase 1: pass\n"),
    ("indent_expected_block_case", "match x:\n    case 1:\n    pass\n"),
    ("indent_expected_block_at_eof", "if x:\n"),
    ("indent_expected_block_at_eof_no_newline", "def f():"),
    ("indent_expected_block_comment_only", "if x:\n    # only a comment\n"),
    ("indent_expected_block_decorated_def", "@dec\ndef f():\npass\n"),
    ("indent_tab_error", "if x:\n\ta = 1\n        b = 2\n"),
    ("indent_tab_error_spaces_then_tab", "if x:\n        a = 1\n\tb = 2\n"),
    ("indent_tab_error_mixed_in_line", "if x:\n    \ta = 1\n\t    b = 2\n"),
    ("indent_tab_error_nested", "def f():\n\tif x:\n\t\ta\n\t        b\n"),
    ("indent_form_feed", "if x:\n\x0c    a = 1\n  b = 2\n"),
    ("indent_too_deep", "".join("\t" * i + "if x:\n" for i in range(100)) + "\t" * 100 + "pass\n"),
    ("indent_dedent_to_unknown_after_blank", "if x:\n    a\n\n  b\n"),
    ("indent_tab_in_caret_line", "if x:\n\ty = = 1\n"),
    ("indent_tab_inside_line", "x =\t= 1\n"),
    ("indent_continuation_dedent", "if x:\n    a = 1 + \\\n2\n  b\n"),
    # --- line continuation / EOF ---
    ("cont_char_after_backslash", "x = 1 \\ 2\n"),
    ("cont_backslash_space_newline", "x = 1 + \\ \n2\n"),
    ("cont_backslash_at_eof", "x = 5\\"),
    ("cont_backslash_alone_at_eof", "\\"),
    ("cont_backslash_newline_eof", "x = 1 + \\\n"),
    ("cont_backslash_in_expression_then_error", "x = (1 +\\\n  )\n"),
    ("eof_in_expression", "x = 1 +\n"),
    ("eof_after_operator_no_newline", "x = 1 +"),
    ("eof_in_call", "print(1, 2,\n"),
    ("eof_after_decorator", "@decorator\n"),
    ("eof_after_colon_inline", "if x:"),
    ("eof_in_dict_display", "d = {1: 2,\n     3: 4,\n"),
    # --- NUL bytes ---
    ("nul_in_code", b"x = 1\x00\n"),
    ("nul_at_start", b"\x00x = 1\n"),
    ("nul_in_string", b"x = 'a\x00b'\n"),
    ("nul_in_comment", b"# comment \x00\nx = 1\n"),
    ("nul_on_later_line", b"a = 1\nb = 2\nc = \x003\n"),
    ("nul_after_syntax_error", b"x = = 1\n\x00\n"),
    # --- encodings ---
    ("enc_invalid_utf8_start", b"\xff = 1\n"),
    ("enc_invalid_utf8_in_string", b"x = '\xe9'\n"),
    ("enc_invalid_utf8_in_comment", b"# caf\xe9\nx = 1\n"),
    ("enc_invalid_utf8_third_line", b"a = 1\nb = 2\nc = '\xc3\x28'\n"),
    ("enc_truncated_utf8_at_eof", b"x = '\xe2\x82"),
    ("enc_overlong_utf8", b"x = '\xc0\xaf'\n"),
    ("enc_utf8_surrogate", b"x = '\xed\xa0\x80'\n"),
    ("enc_utf8_beyond_max", b"x = '\xf4\x90\x80\x80'\n"),
    ("enc_unknown_cookie", b"# -*- coding: bogus -*-\nx = 1\n"),
    ("enc_unknown_cookie_line2", b"#!/usr/bin/env python\n# coding: nosuchcodec\nx = 1\n"),
    ("enc_cookie_line3_ignored_bad_utf8", b"#!/usr/bin/env python\n\n# coding: latin-1\nx = '\xe9'\n"),
    ("enc_ascii_cookie_non_ascii", b"# coding: ascii\nx = '\xc3\xa9'\n"),
    ("enc_latin1_cookie_then_error", b"# coding: latin-1\nx = '\xe9\xe9' +\n"),
    ("enc_latin1_cookie_error_offset", b"# -*- coding: latin-1 -*-\n\xe9 = 0x_g\n"),
    ("enc_cp1252_cookie_then_error", b"# coding: cp1252\ns = '\x80\x80' $ 1\n"),
    ("enc_bom_with_latin1_cookie", b"\xef\xbb\xbf# coding: latin-1\nx = 1\n"),
    ("enc_bom_then_error", b"\xef\xbb\xbfx = = 1\n"),
    ("enc_bom_then_invalid_utf8", b"\xef\xbb\xbfx = '\xff'\n"),
    ("enc_utf16_cookie", b"# coding: utf-16\nx = 1\n"),
    ("enc_utf8_cookie_invalid_utf8", b"# coding: utf-8\nx = '\xff'\n"),
    ("enc_cookie_after_code_ignored", b"x = 1\n# coding: latin-1\ny = '\xe9'\n"),
    ("enc_non_utf8_in_identifier_utf8", b"\xc3\xa9t\xc3\xa9 = = 1\n"),
    # bytes that are not UTF-8 under a utf-8 cookie reach the parser: each token kind
    # decodes them its own way (names: E_DECODE; strings: per run of non-ASCII bytes when
    # there is a backslash; f-string parts: the UnicodeDecodeError escapes as is)
    ("enc_undecodable_in_name", b"# coding: utf-8\nx = a\xf6b\n"),
    ("enc_undecodable_in_name_after_char", b"# coding: utf-8\nx = \xc3\xa9\xf6\xf7abc\n"),
    ("enc_undecodable_truncated_in_name", b"# coding: utf-8\nx = \xe4\xb8\xf6a\n"),
    ("enc_undecodable_name_continuation_line", b"# coding: utf-8\nx = 1 \\\n\xf6\n"),
    ("enc_undecodable_in_comment_then_error", b"# coding: utf-8\n# \xf6\nx = 1 +\n"),
    ("enc_undecodable_string_escape_run", b'# coding: utf-8\nx = "\\t\xc3\xa9\xf6"\n'),
    ("enc_undecodable_string_truncated_run", b'# coding: utf-8\nx = "\\t\xe4\xb8x"\n'),
    ("enc_undecodable_string_end_offset", b'# coding: utf-8\nx = "\xf6\xf6\xf6" + 1\n'),
    ("enc_undecodable_bytes_literal", b'# coding: utf-8\nx = b"\xf6"\n'),
    ("enc_undecodable_fstring_part", b'# coding: utf-8\nx = f"a\xf6{1}"\n'),
    ("enc_undecodable_fstring_spec", b'# coding: utf-8\nx = f"{a:x\xf6}"\n'),
    ("enc_undecodable_fstring_field_name", b'# coding: utf-8\nx = f"{a!\xf6}"\n'),
    ("enc_undecodable_name_after_string_error", b'# coding: utf-8\nx = "\xf6" + ab\xf6cd\n'),
    ("enc_undecodable_string_then_unterminated", b'# coding: utf-8\nx = "\xf6"\ny = "abc\n'),
    ("enc_undecodable_string_then_linecont", b'# coding: utf-8\nx = "\xf6" \\ y\n'),
    # after the parser's error, the rest is tokenized: errors the tokenizer raises itself
    # replace it; those pegen words (dedent, tabs, line continuation) do not
    ("tail_unterminated_after_escape_error", 'x = "\\xf"\ny = "abc\n'),
    ("tail_dedent_error_after_parser_error", "x = 1 +\nif 1:\n        pass\n    pass\n"),
    ("tail_tab_error_after_parser_error", "x = 1 +\nif 1:\n        pass\n\tpass\n"),
    ("tail_linecont_after_parser_error", "x = 1 +\ny = 2 \\ 3\n"),
    # --- line endings ---
    ("eol_crlf_error", b"x = 1\r\ny = = 2\r\nz = 3\r\n"),
    ("eol_cr_only_error", b"x = 1\ry = = 2\r"),
    ("eol_crlf_unterminated_string", b"x = 'abc\r\ny = 1\r\n"),
    ("eol_crlf_indent_error", b"if x:\r\n    a\r\n  b\r\n"),
    ("eol_crlf_unclosed_paren", b"x = (1,\r\n2\r\n"),
    # --- positions ---
    ("pos_error_after_wide_chars", "s = '日本語' '中文' x\n"),
    ("pos_error_after_emoji", "s = '\U0001f600\U0001f600' +* 1\n"),
    ("pos_error_after_combining", "s = 'e\u0301' ? 1\n"),
    ("pos_leading_spaces_in_block", "def f():\n        return = 1\n"),
    ("pos_error_on_long_line", "x = " + " + ".join(["a"] * 60) + " +\n"),
    ("pos_multiline_range", "f(a for a in b,\n  c)\n"),
    ("pos_multiline_range_three_lines", "f(a for a in b\n  if a,\n  c)\n"),
    ("pos_error_after_comment_lines", "# one\n# two\n\n\nx = = 1\n"),
    ("pos_last_line_no_newline", "a = 1\nb = = 2"),
    ("pos_form_feed_prefix", "\x0cx = = 1\n"),
    ("pos_error_after_continuation", "x = 1 + \\\n    2 +\n"),
    ("pos_trailing_whitespace_line", "x = = 1    \n"),
    # --- statements: missing colons, keywords ---
    ("stmt_if_missing_colon", "if x\n    pass\n"),
    ("stmt_elif_missing_colon", "if x:\n    pass\nelif y\n    pass\n"),
    ("stmt_else_missing_colon", "if x:\n    pass\nelse\n    pass\n"),
    ("stmt_while_missing_colon", "while x\n    pass\n"),
    ("stmt_for_missing_colon", "for x in y\n    pass\n"),
    ("stmt_for_missing_in", "for x y:\n    pass\n"),
    ("stmt_for_missing_in_tuple", "for a, b c:\n    pass\n"),
    ("stmt_try_missing_colon", "try\n    pass\nexcept:\n    pass\n"),
    ("stmt_except_missing_colon", "try:\n    pass\nexcept E\n    pass\n"),
    ("stmt_except_bare_missing_colon", "try:\n    pass\nexcept\n    pass\n"),
    ("stmt_finally_missing_colon", "try:\n    pass\nfinally\n    pass\n"),
    ("stmt_with_missing_colon", "with a as b\n    pass\n"),
    ("stmt_with_parens_missing_colon", "with (a as b, c as d)\n    pass\n"),
    ("stmt_def_missing_colon", "def f()\n    pass\n"),
    ("stmt_def_missing_parens", "def f:\n    pass\n"),
    ("stmt_def_return_annotation_missing", "def f() -> :\n    pass\n"),
    ("stmt_class_missing_colon", "class C\n    pass\n"),
    ("stmt_class_bases_missing_colon", "class C(B)\n    pass\n"),
    ("stmt_match_missing_colon", "match x\n    case 1:\n        pass\n"),
    ("stmt_case_missing_colon", "match x:\n    case 1\n        pass\n"),
    ("stmt_try_without_except", "try:\n    pass\nx = 1\n"),
    ("stmt_try_without_except_eof", "try:\n    pass\n"),
    ("stmt_except_without_try", "except:\n    pass\n"),
    ("stmt_finally_without_try", "finally:\n    pass\n"),
    ("stmt_elif_without_if", "elif x:\n    pass\n"),
    ("stmt_else_without_if", "else:\n    pass\n"),
    ("stmt_except_star_bare", "try:\n    pass\nexcept*:\n    pass\n"),
    ("stmt_except_and_except_star", "try:\n    pass\nexcept E:\n    pass\nexcept* F:\n    pass\n"),
    ("stmt_except_star_and_except", "try:\n    pass\nexcept* E:\n    pass\nexcept F:\n    pass\n"),
    ("stmt_except_tuple_unparenthesized_as", "try:\n    pass\nexcept A, B as e:\n    pass\n"),
    ("stmt_except_tuple_unparenthesized", "try:\n    pass\nexcept A, B:\n    pass\n"),
    ("stmt_except_star_tuple_unparenthesized", "try:\n    pass\nexcept* A, B:\n    pass\n"),
    ("stmt_finally_indent", "try:\n    pass\nfinally:\npass\n"),
    ("stmt_import_from_order", "import a from b\n"),
    ("stmt_import_nothing", "import\n"),
    ("stmt_from_import_nothing", "from a import\n"),
    ("stmt_from_import_trailing_comma", "from a import b,\n"),
    ("stmt_from_import_unclosed", "from a import (b,\n"),
    ("stmt_from_import_star_and_name", "from a import *, b\n"),
    ("stmt_import_as_attribute", "import a.b as c.d\n"),
    ("stmt_import_keyword", "import if\n"),
    ("stmt_raise_from_nothing", "raise from e\n"),
    ("stmt_raise_x_from_nothing", "raise E from\n"),
    ("stmt_assert_assignment", "assert x = 1\n"),
    ("stmt_assert_walrus", "assert x := 1\n"),
    ("stmt_del_call", "del f()\n"),
    ("stmt_del_literal", "del 1\n"),
    ("stmt_del_tuple_with_literal", "del (a, 1)\n"),
    ("stmt_del_expression", "del a + b\n"),
    ("stmt_del_starred", "del *a, b\n"),
    ("stmt_del_nothing", "del\n"),
    ("stmt_global_literal", "global 1\n"),
    ("stmt_pass_with_argument", "pass 1\n"),
    ("stmt_return_with_two_expressions", "def f():\n    return 1 2\n"),
    ("stmt_print_legacy", "print 'hello'\n"),
    ("stmt_exec_legacy", "exec 'code'\n"),
    ("stmt_print_legacy_chevron", "print >>sys.stderr, 'x'\n"),
    ("stmt_semicolon_double", "x = 1;; y = 2\n"),
    ("stmt_semicolon_leading", "; x = 1\n"),
    ("stmt_keyword_as_name", "class = 1\n"),
    ("stmt_def_keyword_name", "def None():\n    pass\n"),
    ("stmt_class_keyword_name", "class True:\n    pass\n"),
    ("stmt_attribute_keyword", "x.if = 1\n"),
    ("stmt_async_assignment", "async x = 1\n"),
    ("stmt_async_lambda", "async lambda: 1\n"),
    ("stmt_decorator_empty", "@\ndef f():\n    pass\n"),
    ("stmt_decorator_then_assignment", "@dec\nx = 1\n"),
    ("stmt_decorator_two_expressions", "@a b\ndef f():\n    pass\n"),
    ("stmt_lone_else_after_for_body", "for x in y:\n    pass\nelse\n"),
    ("stmt_two_statements_one_line", "x = 1 y = 2\n"),
    ("stmt_if_assignment_condition", "if x = 1:\n    pass\n"),
    ("stmt_while_assignment_condition", "while x = 1:\n    pass\n"),
    ("stmt_elif_assignment_condition", "if x:\n    pass\nelif y = 2:\n    pass\n"),
    # --- assignment targets ---
    ("assign_literal", "1 = x\n"),
    ("assign_string", "'a' = x\n"),
    ("assign_fstring", "f'{a}' = x\n"),
    ("assign_none", "None = 1\n"),
    ("assign_true", "True = 1\n"),
    ("assign_ellipsis", "... = 1\n"),
    ("assign_call", "f() = 1\n"),
    ("assign_binop", "a + b = 1\n"),
    ("assign_unaryop", "-a = 1\n"),
    ("assign_compare", "a < b = 1\n"),
    ("assign_boolop", "a and b = 1\n"),
    ("assign_conditional", "a if b else c = 1\n"),
    ("assign_lambda", "lambda: 1 = 1\n"),
    ("assign_await", "async def f():\n    await x = 1\n"),
    ("assign_yield", "def f():\n    (yield) = 1\n"),
    ("assign_yield_chain", "def f():\n    x = yield = 1\n"),
    ("assign_list_comp", "[x for x in y] = 1\n"),
    ("assign_set_comp", "{x for x in y} = 1\n"),
    ("assign_dict_comp", "{x: y for x in y} = 1\n"),
    ("assign_generator", "(x for x in y) = 1\n"),
    ("assign_dict", "{a: b} = 1\n"),
    ("assign_set", "{a, b} = 1\n"),
    ("assign_named_expression", "(a := 1) = 2\n"),
    ("assign_tuple_with_literal", "a, 1 = x\n"),
    ("assign_list_with_call", "[a, f()] = x\n"),
    ("assign_nested_starred_literal", "a, *1 = x\n"),
    ("assign_chain_second_bad", "a = f() = 1\n"),
    ("assign_walrus_statement", "x := 1\n"),
    ("assign_walrus_attribute", "(a.b := 1)\n"),
    ("assign_walrus_subscript", "(a[0] := 1)\n"),
    ("assign_walrus_literal", "(1 := 1)\n"),
    ("assign_walrus_tuple", "((a, b) := 1)\n"),
    ("assign_walrus_in_default_unparenthesized", "def f(a := 1):\n    pass\n"),
    ("assign_walrus_chain", "x = y := 1\n"),
    ("augassign_tuple", "a, b += 1\n"),
    ("augassign_list", "[a] += 1\n"),
    ("augassign_call", "f() += 1\n"),
    ("augassign_literal", "1 += 1\n"),
    ("augassign_starred", "*a += 1\n"),
    ("augassign_to_yield", "def f():\n    (yield) += 1\n"),
    ("annassign_tuple", "a, b: int\n"),
    ("annassign_list", "[a]: int\n"),
    ("annassign_call", "f(): int\n"),
    ("annassign_literal", "1: int\n"),
    ("annassign_parenthesized_tuple", "(a, b): int\n"),
    ("annassign_starred", "*a: int\n"),
    ("annassign_missing_annotation", "x: = 1\n"),
    ("with_as_literal", "with a as 1:\n    pass\n"),
    ("with_as_call", "with a as f():\n    pass\n"),
    ("with_as_binop", "with a as b + c:\n    pass\n"),
    ("with_trailing_comma", "with a, b,:\n    pass\n"),
    ("with_parens_unclosed", "with (a as b, c as d:\n    pass\n"),
    ("for_target_literal", "for 1 in x:\n    pass\n"),
    ("for_target_call", "for f() in x:\n    pass\n"),
    ("for_target_binop", "for a + b in x:\n    pass\n"),
    ("for_target_comprehension", "[x for 1 in y]\n"),
    ("for_target_comprehension_call", "[x for f(x) in y]\n"),
    ("for_async_target_literal", "async def f():\n    async for 1 in x:\n        pass\n"),
    # --- expressions ---
    ("expr_missing_comma_list", "x = [1 2]\n"),
    ("expr_missing_comma_call", "f(a b)\n"),
    ("expr_missing_comma_tuple", "x = (1 2 3)\n"),
    ("expr_missing_comma_dict", "x = {1: 2 3: 4}\n"),
    ("expr_missing_comma_strings", "x = ['a' 'b' c]\n"),
    ("expr_string_then_name_then_string", "x = 'a' b 'c'\n"),
    ("expr_if_without_else", "x = a if b\n"),
    ("expr_if_else_without_expression", "x = a if b else\n"),
    ("expr_if_else_statement", "x = a if b else pass\n"),
    ("expr_double_operator", "x = 1 + * 2\n"),
    ("expr_trailing_operator_in_parens", "x = (1 +)\n"),
    ("expr_leading_operator", "x = * 2\n"),
    ("expr_empty_parens_operator", "x = () + \n"),
    ("expr_double_comma_list", "x = [1, 2,, 3]\n"),
    ("expr_comma_only_call", "f(,)\n"),
    ("expr_comma_only_tuple", "x = (,)\n"),
    ("expr_dot_dot", "x = a..b\n"),
    ("expr_trailing_dot", "x = a.\n"),
    ("expr_subscript_empty", "x = a[]\n"),
    ("expr_subscript_double_colon_colon", "x = a[1:2:3:4]\n"),
    ("expr_star_star_alone", "x = **a\n"),
    ("expr_starred_in_parens", "x = (*a)\n"),
    ("expr_double_starred_in_parens", "x = (**a)\n"),
    ("expr_starred_in_index_slice", "x = a[*b:1]\n"),
    ("expr_not_after_operand", "x = a not b\n"),
    ("expr_is_not_reversed", "x = a not is b\n"),
    ("expr_lambda_missing_colon", "f = lambda x x\n"),
    ("expr_lambda_default_order", "f = lambda a=1, b: 0\n"),
    ("expr_lambda_bare_star", "f = lambda *: 0\n"),
    ("expr_lambda_bare_star_kwargs", "f = lambda *, **k: 0\n"),
    ("expr_lambda_parenthesized_param", "f = lambda (x): 0\n"),
    ("expr_lambda_slash_first", "f = lambda /, a: 0\n"),
    ("expr_lambda_double_slash", "f = lambda a, /, b, /: 0\n"),
    ("expr_lambda_slash_after_star", "f = lambda *a, /: 0\n"),
    ("expr_lambda_star_default", "f = lambda *a=1: 0\n"),
    ("expr_lambda_kwargs_default", "f = lambda **k=1: 0\n"),
    ("expr_lambda_after_kwargs", "f = lambda **k, a: 0\n"),
    ("expr_lambda_double_star", "f = lambda *a, *b: 0\n"),
    ("expr_lambda_annotation", "f = lambda a: int: 0\n"),
    ("expr_lambda_missing_default", "f = lambda a=: 0\n"),
    ("expr_lambda_slash_star_no_comma", "f = lambda a=1, /*: 0\n"),
    ("expr_yield_in_expression_unparenthesized", "def f():\n    x = 1 + yield 2\n"),
    ("expr_await_bare", "async def f():\n    await\n"),
    ("expr_generator_unparenthesized_arg", "f(x for x in y, 1)\n"),
    ("expr_generator_after_arg", "f(1, x for x in y)\n"),
    ("expr_generator_in_class_bases", "class C(x for x in y):\n    pass\n"),
    ("expr_comprehension_target_tuple", "[a, b for a, b in c]\n"),
    ("expr_comprehension_target_trailing_comma", "[a, for a in c]\n"),
    ("expr_comprehension_set_target_tuple", "{a, b for a, b in c}\n"),
    ("expr_comprehension_starred", "[*a for a in b]\n"),
    ("expr_comprehension_double_starred_list", "[**a for a in b]\n"),
    ("expr_comprehension_double_starred_dict", "{**a for a in b}\n"),
    ("expr_comprehension_missing_in", "[x for x y]\n"),
    ("expr_comprehension_missing_iterable", "[x for x in]\n"),
    ("expr_comprehension_if_without_condition", "[x for x in y if]\n"),
    ("expr_dict_missing_value", "d = {1:}\n"),
    ("expr_dict_missing_colon", "d = {1: 2, 3}\n"),
    ("expr_dict_missing_colon_first", "d = {1, 2: 3}\n"),
    ("expr_dict_starred_value", "d = {1: *a}\n"),
    ("expr_dict_double_starred_key", "d = {**a: 1}\n"),
    ("expr_dict_double_star_nothing", "d = {**}\n"),
    ("expr_dict_value_statement", "d = {1: pass}\n"),
    ("expr_set_double_starred", "s = {1, **a}\n"),
    ("expr_call_keyword_expression", "f(a.b=1)\n"),
    ("expr_call_keyword_literal", "f(1=2)\n"),
    ("expr_call_keyword_true", "f(True=1)\n"),
    ("expr_call_keyword_none", "f(None=1)\n"),
    ("expr_call_keyword_missing_value", "f(a=)\n"),
    ("expr_call_keyword_comprehension", "f(a=x for x in y)\n"),
    ("expr_call_positional_after_keyword", "f(a=1, b)\n"),
    ("expr_call_positional_after_kwargs", "f(**k, b)\n"),
    ("expr_call_starred_after_kwargs", "f(**k, *a)\n"),
    ("expr_call_kwargs_assignment", "f(**k=1)\n"),
    ("expr_call_starred_assignment", "f(*a=1)\n"),
    ("expr_call_bare_star", "f(*)\n"),
    ("expr_call_bare_double_star", "f(**)\n"),
    ("expr_call_keyword_starred", "f(a=*b)\n"),
    ("expr_call_unclosed_then_colon", "if f(a:\n    pass\n"),
    ("expr_slice_in_call", "f(1:2)\n"),
    ("expr_conditional_starred", "x = [*a if b else *c]\n"),
    ("expr_compare_chain_missing", "x = a < < b\n"),
    ("expr_walrus_unparenthesized_in_index", "x = a[b := 1, c]\n"),
    ("expr_walrus_in_comprehension_iterable_ok_then_error", "x = [y for y in (z := w)] +\n"),
    ("expr_keyword_in_expression", "x = 1 + if\n"),
    ("expr_lone_keyword_import", "x = import\n"),
    ("expr_ellipsis_call_then_error", "x = ...() @\n"),
    ("expr_matrix_op_missing", "x = a @\n"),
    ("expr_string_concat_with_bytes_ok_then_error", "x = 'a' 'b' +\n"),
    ("expr_bytes_and_str_mixed", "x = b'a' 'b'\n"),
    ("expr_fstring_and_bytes_mixed", "x = f'a' b'b'\n"),
    # --- function definitions ---
    ("def_default_order", "def f(a=1, b):\n    pass\n"),
    ("def_default_order_after_slash", "def f(a=1, /, b):\n    pass\n"),
    ("def_bare_star", "def f(*):\n    pass\n"),
    ("def_bare_star_then_kwargs", "def f(*, **k):\n    pass\n"),
    ("def_slash_first", "def f(/, a):\n    pass\n"),
    ("def_double_slash", "def f(a, /, b, /):\n    pass\n"),
    ("def_slash_after_star", "def f(*a, /):\n    pass\n"),
    ("def_slash_after_bare_star", "def f(*, a, /):\n    pass\n"),
    ("def_star_default", "def f(*a=1):\n    pass\n"),
    ("def_kwargs_default", "def f(**k=1):\n    pass\n"),
    ("def_after_kwargs", "def f(**k, a):\n    pass\n"),
    ("def_star_after_kwargs", "def f(**k, *a):\n    pass\n"),
    ("def_double_star", "def f(*a, *b):\n    pass\n"),
    ("def_parenthesized_params", "def f((a, b)):\n    pass\n"),
    ("def_parenthesized_param_after_name", "def f(x, (y)):\n    pass\n"),
    ("def_missing_default", "def f(a=):\n    pass\n"),
    ("def_missing_default_middle", "def f(a=, b=1):\n    pass\n"),
    ("def_annotation_missing", "def f(a:):\n    pass\n"),
    ("def_slash_star_no_comma", "def f(a=1, /*):\n    pass\n"),
    ("def_keyword_param", "def f(if):\n    pass\n"),
    ("def_literal_param", "def f(1):\n    pass\n"),
    ("def_bare_star_type_comment", "def f(*, # type: int\n      a):\n    pass\n"),
    ("def_empty_type_params", "def f[]():\n    pass\n"),
    ("def_typevartuple_bound", "def f[*T: int]():\n    pass\n"),
    ("def_typevartuple_constraints", "def f[*T: (int, str)]():\n    pass\n"),
    ("def_paramspec_bound", "def f[**P: int]():\n    pass\n"),
    ("def_paramspec_constraints", "def f[**P: (int, str)]():\n    pass\n"),
    ("def_type_param_default_order", "def f[T=int, U]():\n    pass\n"),
    ("def_type_param_missing_default", "def f[T=]():\n    pass\n"),
    ("def_star_annotation_starred_default", "def f(*a: *b = 1):\n    pass\n"),
    ("class_empty_type_params", "class C[]:\n    pass\n"),
    ("class_keyword_base_then_positional", "class C(a=1, B):\n    pass\n"),
    ("class_bare_double_star_base", "class C(**):\n    pass\n"),
    ("type_alias_empty_params", "type X[] = int\n"),
    ("type_alias_missing_value", "type X =\n"),
    ("type_alias_to_literal_target", "type 1 = int\n"),
    # --- match ---
    ("match_as_wildcard", "match x:\n    case y as _:\n        pass\n"),
    ("match_as_literal_target", "match x:\n    case y as 1:\n        pass\n"),
    ("match_as_attribute_target", "match x:\n    case y as a.b:\n        pass\n"),
    ("match_class_positional_after_keyword", "match x:\n    case C(a=1, b):\n        pass\n"),
    ("match_class_keyword_missing_pattern", "match x:\n    case C(a=):\n        pass\n"),
    ("match_mapping_rest_not_last", "match x:\n    case {**rest, 'k': v}:\n        pass\n"),
    ("match_mapping_rest_wildcard", "match x:\n    case {**_}:\n        pass\n"),
    ("match_star_star", "match x:\n    case **a:\n        pass\n"),
    ("match_pattern_expression", "match x:\n    case a + b:\n        pass\n"),
    ("match_pattern_call_keyword_dup_ok_then_error", "match x:\n    case f(a) if:\n        pass\n"),
    ("match_no_cases", "match x:\n    pass\n"),
    ("match_case_outside_match", "case 1:\n    pass\n"),
    ("match_guard_missing", "match x:\n    case 1 if :\n        pass\n"),
    ("match_complex_literal_wrong", "match x:\n    case 1 + 2:\n        pass\n"),
    ("match_complex_real_part_imaginary", "match x:\n    case 1j + 2j:\n        pass\n"),
    ("match_complex_negative_real_part_imaginary", "match x:\n    case {-1j - 2j: y}:\n        pass\n"),
    ("def_return_annotation_incomplete", "def f() -> 1 +:\n    pass\n"),
    ("fstr_invalid_conversion_then_unclosed", "f'{x!z:>{'\n"),
    ("match_case_block_indent_error", "match x:\n    case 1:\n    pass\n"),
    ("match_subject_missing", "match :\n    case 1:\n        pass\n"),
    ("match_starred_subject_only_ok_then_error", "match *a, b:\n    case 1 2:\n        pass\n"),
]


# Cases that `ast.parse(bytes)` accepts but `python3.13 FILE` rejects: the file tokenizer
# decodes every line, comments included (the string tokenizer does not).
FILE_ONLY = {"enc_invalid_utf8_in_comment", "enc_cookie_after_code_ignored"}

# ---------------------------------------------------------------------------------------
# Cases collected from the reference's test suite
# ---------------------------------------------------------------------------------------

ORIGINS = {
    "test_syntax.py": "syn",
    "test_exceptions.py": "exc",
    "test_fstring.py": "fstr",
    "test_grammar.py": "gram",
    "test_string_literals.py": "strlit",
    "test_eof.py": "eof",
    "test_unicode_identifiers.py": "uid",
    "test_tokenize.py": "tok",
}
CHECKERS = {"check_syntax_error", "_check_error", "check", "assertAllRaise", "ckmsg",
            "_check_error_location", "assertSyntaxError"}
ERROR_NAMES = {"SyntaxError", "IndentationError", "TabError"}


def _constants(node):
    """str/bytes constants of an argument, including list/tuple elements."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        yield node.value
    elif isinstance(node, (ast.List, ast.Tuple)):
        for elt in node.elts:
            yield from _constants(elt)


def _call_name(call):
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


def harvest_file(path):
    with open(path, "rb") as fp:
        tree = ast.parse(fp.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        args = list(node.args)
        mentions_error = any(isinstance(a, ast.Name) and a.id in ERROR_NAMES for a in args)
        if name in CHECKERS:
            # the source is the first argument (assertAllRaise: the third, a list)
            if name == "assertAllRaise" and len(args) >= 3:
                yield from _constants(args[2])
            elif args:
                yield from _constants(args[0])
        elif mentions_error and name in ("assertRaises", "assertRaisesRegex"):
            for a in args[1:]:
                if isinstance(a, ast.Constant) and isinstance(a.value, str) and a is args[1] \
                        and name == "assertRaisesRegex":
                    continue  # the regex
                yield from _constants(a)


def harvest_doctests(path):
    """test_syntax.py's module docstring: examples whose expected output is a SyntaxError."""
    with open(path, "rb") as fp:
        tree = ast.parse(fp.read())
    doc = ast.get_docstring(tree, clean=False) or ""
    for ex in doctest.DocTestParser().get_examples(doc):
        if ex.exc_msg is not None or "Error" in ex.want:
            yield ex.source


def slug(text, limit=48):
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return s[:limit].rstrip("_") or "error"


def classify(data):
    """The exception `ast.parse` raises for these exact bytes, or None if they parse."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(data)
        except (SyntaxError, MemoryError, RecursionError, ValueError) as e:
            return e
        except Exception as e:  # noqa: BLE001 - reported below, never silently kept
            return e
    return None


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = {}      # name -> bytes
    seen = set()
    dropped = []

    def add(name, data, origin):
        if data in seen:
            return
        exc = classify(data)
        if exc is None:
            dropped.append((origin, name, "parses"))
            return
        seen.add(data)
        if name in cases:
            i = 2
            while f"{name}_{i}" in cases:
                i += 1
            name = f"{name}_{i}"
        cases[name] = data

    for name, src in OWN:
        data = src.encode("utf-8") if isinstance(src, str) else src
        if name in FILE_ONLY:
            # Only the file tokenizer (`python3.13 FILE`) rejects these bytes.
            seen.add(data)
            cases[name] = data
            continue
        add(name, data, "own")

    for fname, prefix in ORIGINS.items():
        path = os.path.join(LIBTEST, fname)
        sources = list(harvest_file(path))
        if fname == "test_syntax.py":
            sources = list(harvest_doctests(path)) + sources
        for src in sources:
            if isinstance(src, str):
                if fname in ("test_fstring.py", "test_string_literals.py", "test_eof.py"):
                    src = src.strip(" ")   # eval()'d expressions: no stray indentation
                try:
                    data = src.encode("utf-8")
                except UnicodeEncodeError:
                    continue  # lone surrogates cannot be written to a file
            else:
                data = src
            if len(data) > 20000:
                continue
            exc = classify(data)
            if exc is None:
                continue
            msg = getattr(exc, "msg", None) or str(exc)
            add(f"{prefix}_{slug(msg)}", data, fname)

    # Rewrite the corpus: remove cases no longer generated, (re)write the others.
    for f in os.listdir(OUT):
        if f.endswith(".py") and f[:-3] not in cases:
            os.remove(os.path.join(OUT, f))
    for name, data in cases.items():
        with open(os.path.join(OUT, name + ".py"), "wb") as fp:
            fp.write(data)
    for origin, name, why in dropped:
        if origin == "own":
            print(f"dropped own case {name}: {why}", file=sys.stderr)
    print(f"{len(cases)} cases written to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
