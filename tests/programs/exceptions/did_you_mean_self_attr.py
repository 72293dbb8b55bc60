class Widget:
    def __init__(self):
        self.colour = "red"
    def show(self):
        return colour
Widget().show()
