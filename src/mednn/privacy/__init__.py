"""mednn.privacy"""
