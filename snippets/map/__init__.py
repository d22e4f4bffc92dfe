"""Code for the map section: the diagram generators and the eval used on its pages."""
