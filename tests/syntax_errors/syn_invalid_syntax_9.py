match x:
    case y:
       3 $ 3
