eval("{}['missing']")
