pytest_plugins = ["fakegithub.fixtures"]
