class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
for _ in range(3):
    Counter()
c = Counter()
print(Counter.instances, c.id, c.instances)
c.instances = 100
print(Counter.instances, c.instances)
