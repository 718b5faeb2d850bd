"""mednn.models"""
