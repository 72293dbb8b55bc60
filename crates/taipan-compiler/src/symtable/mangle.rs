//! Private name mangling (`_Py_Mangle`): inside class `Spam`, `__eggs` becomes
//! `_Spam__eggs`. The symbol table and codegen mangle every identifier they record.

use std::borrow::Cow;

/// `_Py_Mangle(private, name)`: `name` mangled with the enclosing class name `private`.
/// Names not starting with `__`, ending with `__`, or containing a dot are unchanged, as
/// is everything when the class name is only underscores.
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> Cow<'a, str> {
    let Some(private) = private else {
        return Cow::Borrowed(name);
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let stripped = private.trim_start_matches('_');
    if stripped.is_empty() {
        return Cow::Borrowed(name);
    }
    let mut s = String::with_capacity(1 + stripped.len() + name.len());
    s.push('_');
    s.push_str(stripped);
    s.push_str(name);
    Cow::Owned(s)
}

/// Whether `name` would be mangled inside a class: starts with `__`, does not end with
/// `__`.
pub fn is_private_name(name: &str) -> bool {
    name.len() >= 3 && name.starts_with("__") && !name.ends_with("__")
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn mangling() {
        assert_eq!(mangle(Some("Spam"), "__eggs"), "_Spam__eggs");
        assert_eq!(mangle(Some("__Spam"), "__eggs"), "_Spam__eggs");
        assert_eq!(mangle(Some("___"), "__eggs"), "__eggs");
        assert_eq!(mangle(Some("Spam"), "__eggs__"), "__eggs__");
        assert_eq!(mangle(Some("Spam"), "__"), "__");
        assert_eq!(mangle(Some("Spam"), "__a.b"), "__a.b");
        assert_eq!(mangle(Some("Spam"), "_eggs"), "_eggs");
        assert_eq!(mangle(None, "__eggs"), "__eggs");
    }
}
