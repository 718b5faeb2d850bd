"""mednn.evaluation"""
