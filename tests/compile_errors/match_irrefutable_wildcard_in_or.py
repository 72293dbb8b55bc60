match x:
    case _ | 2:
        pass
