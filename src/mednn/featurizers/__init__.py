"""mednn.featurizers"""
