def classify(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return "lookup-specific " + type(e).__name__
    except LookupError:
        return "lookup"
    except (ValueError, TypeError):
        return "value/type"
    except Exception as e:
        return "other " + type(e).__name__
for e in [KeyError(), IndexError(), LookupError(), ValueError(), UnicodeError(), ZeroDivisionError()]:
    print(classify(e))
try:
    try:
        raise ValueError
    except 5:
        pass
except TypeError as e:
    print(e)
