class Config:
    def __init__(self):
        self.settings = None
config = Config()
value = config.settings.get("debug")
