from setuptools import setup
setup(name="hello", version="0.1.0")
