"""Video appeals: validation, transcoding and clips."""
