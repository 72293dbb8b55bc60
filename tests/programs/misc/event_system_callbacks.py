class Emitter:
    def __init__(self):
        self.handlers = {}
    def on(self, name):
        def register(fn):
            self.handlers.setdefault(name, []).append(fn)
            return fn
        return register
    def emit(self, name, *args):
        return [h(*args) for h in self.handlers.get(name, [])]
em = Emitter()
@em.on("greet")
def hello(who):
    return f"hello {who}"
@em.on("greet")
def bye(who):
    return f"bye {who}"
print(em.emit("greet", "ann"), em.emit("none"))
