def factory(prefix):
    class Greeter:
        def greet(self, name):
            return f"{prefix} {name}"
    return Greeter
print(factory("Hi")().greet("Ann"), factory("Yo")().greet("Bo"))
