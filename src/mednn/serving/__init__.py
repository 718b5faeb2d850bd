"""mednn.serving"""
