x = f'''abc{x}

