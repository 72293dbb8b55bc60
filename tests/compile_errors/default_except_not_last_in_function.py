def f():
    try:
        return 1
    except:
        return 2
    except (KeyError, IndexError) as e:
        return 3
    finally:
        pass
