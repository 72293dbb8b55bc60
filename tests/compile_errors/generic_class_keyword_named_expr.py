class C[T](metaclass=(m := type)):
    pass
