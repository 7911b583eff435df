"""The framing (loaded-language) sentence model: its views (views.py), the estimator that stacks and
calibrates them (estimator.py) and the news head (news_head.py).
"""
