"""Demo content for ``load_community_matching_demo`` (private: free to change)."""
