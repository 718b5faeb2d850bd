"""mednn.reports"""
