class Custom(BaseException):
    pass
raise Custom("not an Exception subclass")
