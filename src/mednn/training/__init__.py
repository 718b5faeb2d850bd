"""mednn.training"""
