class Resource:
    def __del__(self):
        print("Resource released")
r = Resource()
raise RuntimeError("exit with live object")
