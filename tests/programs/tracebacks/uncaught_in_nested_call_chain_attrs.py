class Node:
    def __init__(self, child=None):
        self.child = child
    def leaf_value(self):
        return self.child.child.value
root = Node(Node(Node()))
print(root.leaf_value())
