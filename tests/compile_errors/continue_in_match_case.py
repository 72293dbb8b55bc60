match x:
    case 1:
        continue
