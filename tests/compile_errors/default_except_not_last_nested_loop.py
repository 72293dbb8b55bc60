for i in x:
    try:
        pass
    except:
        break
    except KeyError:
        pass
