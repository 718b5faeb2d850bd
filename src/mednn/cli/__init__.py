"""mednn.cli"""
