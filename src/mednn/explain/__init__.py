"""mednn.explain"""
